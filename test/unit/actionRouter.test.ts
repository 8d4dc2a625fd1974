import type { INodePropertyOptions } from 'n8n-workflow';

import { WeChatOpenPlatform } from '../../nodes/WeChatOpenPlatform/WeChatOpenPlatform.node';
import { findOperation, resources } from '../../nodes/WeChatOpenPlatform/router';

const { properties } = new WeChatOpenPlatform().description;

describe('action node router', () => {
	const resourceValues = (
		properties.find((p) => p.name === 'resource')!.options as INodePropertyOptions[]
	).map((o) => String(o.value));

	it('has a namespace for every resource the node offers, and no other', () => {
		expect(Object.keys(resources).sort()).toEqual([...resourceValues].sort());
	});

	it('dispatches every operation the node offers to the file that describes it', () => {
		let count = 0;
		for (const resource of resourceValues) {
			const operationProperty = properties.find(
				(p) => p.name === 'operation' && p.displayOptions?.show?.resource?.includes(resource),
			);
			for (const option of operationProperty!.options as INodePropertyOptions[]) {
				const operation = findOperation(resource, String(option.value));
				expect(operation).toBeDefined();
				// The operation's own fields are shown only for it.
				for (const field of operation!.description) {
					expect(field.displayOptions?.show?.resource).toEqual([resource]);
					expect(field.displayOptions?.show?.operation).toEqual([option.value]);
				}
				count++;
			}
		}
		expect(count).toBeGreaterThan(20);
	});

	it('finds nothing for names that are not operations', () => {
		expect(findOperation('menu', 'delete')).toBeDefined();
		expect(findOperation('menu', 'description')).toBeUndefined();
		expect(findOperation('menu', 'toString')).toBeUndefined();
		expect(findOperation('toString', 'call')).toBeUndefined();
		expect(findOperation('__proto__', 'send')).toBeUndefined();
		expect(findOperation('reply', 'nope')).toBeUndefined();
	});
});
