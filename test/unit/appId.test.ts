import { isAppId } from '../../core/appId';
import { createStore } from '../../core/store/createStore';
import { routeOf } from '../../nodes/WeChatOpenPlatformTrigger/webhook/route';

describe("WeChat's AppID shape", () => {
	test('"wx" + 16 lowercase hex digits is an AppID', () => {
		// The sample AppID of WeChat's message encryption documentation.
		expect(isAppId('wx134c8103faa5a59e')).toBe(true);
		expect(isAppId('wx0123456789abcdef')).toBe(true);
	});

	test.each([
		'wx1',
		'wxaaa',
		'wxcomponent1',
		'wx0c0mp0nent0001',
		'wx134c8103faa5a59',
		'wx134c8103faa5a59e0',
		'wx134C8103FAA5A59E',
		'WX134c8103faa5a59e',
		'gh_134c8103faa5',
		'anything_goes',
		'wx134c8103faa5a59e\n',
		'../wx134c8103faa5a5',
		'',
	])('%j is not', (value) => {
		expect(isAppId(value)).toBe(false);
	});

	test('non-strings are not', () => {
		expect(isAppId(undefined)).toBe(false);
		expect(isAppId(134)).toBe(false);
	});

	test('a component AppID of another shape is refused before any store is made', () => {
		expect(() => createStore({ kind: 'memory', componentAppId: 'wxcomponent1' })).toThrow(
			/16 lowercase hexadecimal/,
		);
		expect(() =>
			createStore({ kind: 'memory', componentAppId: 'wx0123456789abcdef' }),
		).not.toThrow();
	});

	test('a push path is valid only with an AppID of that shape', () => {
		const route = (appid: string) => routeOf('POST', `/x/${appid}/callback`, { appid });
		expect(route('wx0123456789abcdef')).toEqual({
			kind: 'callback',
			appId: 'wx0123456789abcdef',
			appIdValid: true,
		});
		expect(route('anything_goes')).toMatchObject({ kind: 'callback', appIdValid: false });
		expect(route('wx1234')).toMatchObject({ kind: 'callback', appIdValid: false });
	});
});
