import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../core/api/redact';
import { authorizerField, getAuthorizerAppId } from './authorizer';
import { showFor } from './display';
import { okResult, toItems } from './output';
import type { Operation, OperationContext } from './types';

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
	/** The operation's own fields, after the account field. */
	fields?: (show: IDisplayOptions) => INodeProperties[];
	/** Reads the item's parameters (and throws on a bad one) before the call. */
	read?: (context: IExecuteFunctions, itemIndex: number, appId: string) => OnBehalfRequest;
	/** The account field's label: the generic "Authorizer" or "Mini Program". */
	account?: 'authorizer' | 'miniProgram';
	/**
	 * `ok` (default): `success: true` with WeChat's answer, for calls that change something;
	 * `answer`: WeChat's answer alone, for queries.
	 */
	output?: 'ok' | 'answer';
}

/** The account field of every on-behalf operation; Mini Program resources call it so. */
export function accountField(
	displayOptions: IDisplayOptions,
	account: OnBehalfCall['account'] = 'authorizer',
): INodeProperties {
	const field = authorizerField(displayOptions);
	if (account === 'authorizer') return field;
	return {
		...field,
		displayName: 'Mini Program',
		description: 'The mini program that authorized your platform',
	};
}

/**
 * An operation that is one call on behalf of the chosen account: the account field plus its own
 * fields, and as the item WeChat's answer (without tokens) with `authorizerAppId`, so that a later
 * node (e.g. Release after Get Audit Status) finds the account.
 */
export function onBehalfOperation(
	resource: string,
	operation: string,
	call: OnBehalfCall,
): Operation {
	const show = showFor(resource, operation);
	return {
		description: [accountField(show, call.account), ...(call.fields ? call.fields(show) : [])],
		async execute(this: IExecuteFunctions, itemIndex: number, { platform }: OperationContext) {
			const appId = getAuthorizerAppId(this, itemIndex);
			const {
				method = call.method,
				path = call.path,
				body = call.body,
				query,
				echo = {},
			} = call.read ? call.read(this, itemIndex, appId) : {};
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
	};
}
