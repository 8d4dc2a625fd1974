import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { showFor } from './display';
import { okResult } from './output';
import type { Operation, OperationContext } from './types';

export interface OperationSpec {
	/**
	 * The operation's fields, given the `displayOptions` that show them for this operation alone.
	 * Written out in the operation's file (not built by a helper) so that n8n's lint rules still
	 * check each field.
	 */
	fields?: (show: IDisplayOptions) => INodeProperties[];
	/** The items for one input item. */
	run: (
		context: IExecuteFunctions,
		itemIndex: number,
		operationContext: OperationContext,
	) => Promise<INodeExecutionData[]>;
}

/** One operation as its file declares it: its fields and what it does for one item. */
export function defineOperation(resource: string, name: string, spec: OperationSpec): Operation {
	return {
		description: spec.fields ? spec.fields(showFor(resource, name)) : [],
		async execute(this: IExecuteFunctions, itemIndex: number, context: OperationContext) {
			return await spec.run(this, itemIndex, context);
		},
	};
}

/** What one item asks of a platform-level call: its body, and the parameters its output repeats. */
export interface ComponentRequest {
	body?: IDataObject;
	/** Put in the output item before WeChat's answer. */
	echo?: IDataObject;
}

export interface ComponentCall {
	method: 'GET' | 'POST';
	path: string;
	query?: Record<string, string>;
	/** Newer WeChat APIs name the component token `access_token`. */
	tokenParam?: 'access_token';
	fields?: OperationSpec['fields'];
	/** Reads the item's parameters (and throws on a bad one) before the call. */
	read: (context: IExecuteFunctions, itemIndex: number) => ComponentRequest;
}

/**
 * An operation that is one call with the platform's own (component) token and changes something:
 * the item is `success: true`, the parameters it repeats, and WeChat's answer without tokens.
 */
export function componentOperation(resource: string, name: string, call: ComponentCall): Operation {
	return defineOperation(resource, name, {
		fields: call.fields,
		async run(context, itemIndex, { platform }) {
			const { body, echo } = call.read(context, itemIndex);
			const response = await platform.componentRequest({
				method: call.method,
				path: call.path,
				...(call.query ? { query: call.query } : {}),
				...(call.tokenParam ? { tokenParam: call.tokenParam } : {}),
				body,
			});
			return okResult(response, echo);
		},
	});
}
