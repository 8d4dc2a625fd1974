import type { IDisplayOptions, INodeProperties } from 'n8n-workflow';

/** Both Token operations warn the same way: the output is saved with the execution. */
export function tokenNotice(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName:
			"The token appears in this node's output and is saved with the execution data. Prefer other operations or API Request, which use tokens without exposing them.",
		name: 'tokenNotice',
		type: 'notice',
		default: '',
		displayOptions,
	};
}
