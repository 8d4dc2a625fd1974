import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

import { WeChatPlatformError } from '../../core/api/errors';
import { WeChatPlatform } from '../../core/platform';
import { createStore } from '../../core/store/createStore';
import { StoreConfigError } from '../../core/store/errors';

const config = {
	componentAppId: 'wx1234567890abcdef',
	componentAppSecret: randomBytes(16).toString('hex'),
	token: randomBytes(8).toString('hex'),
	encodingAESKey: randomBytes(32).toString('base64').slice(0, 43),
	apiBaseUrl: 'http://127.0.0.1:9',
	store: { kind: 'memory' as const },
};

/** Users see an error's code and hint in n8n: every error the core raises carries them. */
describe('core errors are typed, with a hint', () => {
	test.each([
		[
			'an AppID not of WeChat shape',
			() => createStore({ kind: 'memory', componentAppId: 'wxABC' }),
			'INVALID_APPID',
		],
		[
			'a Redis store without a URL',
			() => createStore({ kind: 'redis', componentAppId: config.componentAppId }),
			'STORE_CONFIG',
		],
		[
			'a missing AppSecret',
			() => new WeChatPlatform({ ...config, componentAppSecret: '' }),
			'CONFIG_INVALID',
		],
	])('%s', (_what, make, code) => {
		let caught: unknown;
		try {
			make();
		} catch (error) {
			caught = error;
		}
		expect(caught).toBeInstanceOf(WeChatPlatformError);
		expect((caught as WeChatPlatformError).code).toBe(code);
		expect((caught as WeChatPlatformError).hint).toEqual(expect.any(String));
		if (code === 'STORE_CONFIG') expect(caught).toBeInstanceOf(StoreConfigError);
	});

	test('no plain `throw new Error` is left in core/', () => {
		const offenders: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else if (name.endsWith('.ts') && /throw new Error\(/.test(readFileSync(path, 'utf8')))
					offenders.push(path);
			}
		};
		walk(join(__dirname, '../../core'));
		expect(offenders).toEqual([]);
	});
});
