import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from './authorizer';
import { showFor } from './display';
import { okResult, toItems } from './output';
import type { Operation, OperationContext } from './types';

// How an operation file declares its operation: `defineOperation` (fields + what it does for one
// item), `componentOperation` (one call with the platform's token), `accountOperation` (on behalf
// of an authorized account: its field first, its AppID read first) and `onBehalfOperation` (one
// such call). Each returns the `{ description, execute }` the resource's namespace exports.

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

/** The account field's label: the generic "Authorizer" or, for Mini Program resources, "Mini Program". */
export type AccountLabel = 'authorizer' | 'miniProgram';

/** The account field of every operation on behalf of an authorized account. */
export function accountField(
	displayOptions: IDisplayOptions,
	account: AccountLabel = 'authorizer',
): INodeProperties {
	const field = authorizerField(displayOptions);
	if (account === 'authorizer') return field;
	return {
		...field,
		displayName: 'Mini Program',
		description: 'The mini program that authorized your platform',
	};
}

export interface AccountOperation {
	account?: AccountLabel;
	/** The operation's own fields, after the account field. */
	fields?: OperationSpec['fields'];
	/** The work for one item, once the account's AppID is read. */
	run: (
		context: IExecuteFunctions,
		itemIndex: number,
		on: OperationContext & { appId: string },
	) => Promise<INodeExecutionData[]>;
}

/**
 * An operation for one authorized account: the account field first, then the operation's fields;
 * `run` gets the account's AppID (read and checked before anything else) and the platform.
 */
export function accountOperation(
	resource: string,
	operation: string,
	o: AccountOperation,
): Operation {
	return defineOperation(resource, operation, {
		fields: (show) => [accountField(show, o.account), ...(o.fields ? o.fields(show) : [])],
		async run(context, itemIndex, { platform }) {
			const appId = getAuthorizerAppId(context, itemIndex);
			return await o.run(context, itemIndex, { platform, appId });
		},
	});
}

/** What one item asks of the call: its body or query, and the parameters its output repeats. */
export interface OnBehalfRequest {
	/** Another API than the operation's own, for an operation with a choice of two. */
	method?: 'GET' | 'POST';
	path?: string;
	body?: IDataObject;
	query?: Record<string, string>;
	/** Put in the output item before WeChat's answer, e.g. `{ auditid }`. */
	echo?: IDataObject;
}

export interface OnBehalfCall {
	method: 'GET' | 'POST';
	path: string;
	/** A fixed body: some POST APIs take exactly `{}` (an empty body is 47001). */
	body?: IDataObject;
	fields?: AccountOperation['fields'];
	/** Reads the item's parameters (and throws on a bad one) before the call. */
	read?: (context: IExecuteFunctions, itemIndex: number, appId: string) => OnBehalfRequest;
	account?: AccountLabel;
	/**
	 * `ok` (default): `success: true` with WeChat's answer, for calls that change something;
	 * `answer`: WeChat's answer alone, for queries.
	 */
	output?: 'ok' | 'answer';
}

/**
 * An operation that is one call on behalf of the chosen account; the item is WeChat's answer
 * (without tokens) with `authorizerAppId`, so that a later node (e.g. Release after Get Audit
 * Status) finds the account.
 */
export function onBehalfOperation(
	resource: string,
	operation: string,
	call: OnBehalfCall,
): Operation {
	return accountOperation(resource, operation, {
		account: call.account,
		fields: call.fields,
		async run(context, itemIndex, { platform, appId }) {
			const {
				method = call.method,
				path = call.path,
				body = call.body,
				query,
				echo = {},
			} = call.read ? call.read(context, itemIndex, appId) : {};
			const response = await platform.authorizerRequest<IDataObject>(appId, {
				method,
				path,
				...(body !== undefined ? { body } : {}),
				...(query !== undefined ? { query } : {}),
			});
			if (call.output === 'answer') {
				return toItems({ authorizerAppId: appId, ...echo, ...withoutTokens(response) });
			}
			return okResult(response, { authorizerAppId: appId, ...echo });
		},
	});
}
