/**
 * The fake n8n contexts read parameters and expressions as n8n does; a harness that drifted would
 * let node tests pass against behaviour n8n does not have.
 */
import type { INodeType } from 'n8n-workflow';

import { WeChatOpenPlatformTrigger } from '../../nodes/WeChatOpenPlatformTrigger/WeChatOpenPlatformTrigger.node';
import { WeChatOpenPlatform } from '../../nodes/WeChatOpenPlatform/WeChatOpenPlatform.node';
import { createHookContext, executeContext, resolveExpression } from '../helpers/n8n';

describe('resolveExpression', () => {
	test.each([
		['={{ $json.a }}', 1],
		['={{ $json.b?.c }}', 'x'],
		["={{ $json['b'].c }}", 'x'],
		['={{$parameter["p"]}}', 'P'],
		['={{$parameter.p}}', 'P'],
		['=a {{ $json.a }} b {{ $json.b }}', 'a 1 b {"c":"x"}'],
		['plain', 'plain'],
	])('%s', (expression, expected) => {
		expect(
			resolveExpression(expression, { json: { a: 1, b: { c: 'x' } }, parameters: { p: 'P' } }),
		).toEqual(expected);
	});

	test('an expression it cannot evaluate throws instead of passing through', () => {
		expect(() => resolveExpression('={{ $now }}', {})).toThrow(/unsupported expression/);
		expect(() => resolveExpression('=x {{ 1 + 1 }}', {})).toThrow(/unsupported expression/);
	});
});

describe('node parameters', () => {
	const nodeType: INodeType = new WeChatOpenPlatformTrigger();
	const properties = nodeType.description.properties;

	test('a parameter the workflow omits reads as its default, as n8n fills it in', () => {
		const withDefault = properties.find((p) => p.type === 'options' && !p.displayOptions)!;
		const hook = createHookContext({ nodeType });
		expect(hook.getNodeParameter(withDefault.name)).toEqual(withDefault.default);
	});

	test('an unknown parameter without fallback throws, with a fallback gives the fallback', () => {
		const hook = createHookContext({ nodeType });
		expect(() => hook.getNodeParameter('noSuchParameter')).toThrow(/could not get parameter/);
		expect(hook.getNodeParameter('noSuchParameter', 'fb')).toBe('fb');
	});

	test('the node carries a credential id per credential type, as the trigger expects', () => {
		const hook = createHookContext({ nodeType, credentials: { someApi: { a: 1 } } });
		expect(hook.getNode().credentials?.someApi?.id).toMatch(/^[0-9a-f-]{36}$/);
	});

	test('defaults follow displayOptions: the operation shown for the chosen resource', () => {
		const action = new WeChatOpenPlatform();
		const operationOf = (resource: string) =>
			executeContext({
				nodeType: action,
				parameters: { resource },
				credentials: {},
			}).context.getNodeParameter('operation', 0);
		expect(operationOf('user')).toBe('get');
		expect(operationOf('media')).toBe('upload');
	});
});
