import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { WeChatApiError, WeChatPlatformError } from '../../core/api/errors';
import { toNodeError } from '../shared/errors';
import { platformFor } from '../shared/platform';
import * as apiRequest from './resources/apiRequest';
import * as authorization from './resources/authorization';
import * as codeTemplate from './resources/codeTemplate';
import * as jsSdk from './resources/jsSdk';
import * as media from './resources/media';
import * as menu from './resources/menu';
import * as message from './resources/message';
import * as miniProgramCode from './resources/miniProgramCode';
import * as miniProgramPrivacy from './resources/miniProgramPrivacy';
import * as miniProgramProfile from './resources/miniProgramProfile';
import * as miniProgramSettings from './resources/miniProgramSettings';
import * as miniProgramRegistration from './resources/miniProgramRegistration';
import * as miniProgramUser from './resources/miniProgramUser';
import * as oauth from './resources/oauth';
import * as platformResource from './resources/platform';
import * as qrCode from './resources/qrCode';
import * as reply from './resources/reply';
import * as templateMessage from './resources/templateMessage';
import * as token from './resources/token';
import * as user from './resources/user';
import type { Operation } from './shared/types';

/**
 * Every resource as its namespace: `description` plus one export per operation (named as the
 * operation's value). In the order the node shows their fields.
 */
export const resources = {
	reply,
	message,
	templateMessage,
	user,
	menu,
	media,
	qrCode,
	authorization,
	token,
	oauth,
	platform: platformResource,
	apiRequest,
	codeTemplate,
	miniProgramCode,
	miniProgramSettings,
	miniProgramRegistration,
	miniProgramUser,
	jsSdk,
	miniProgramProfile,
	miniProgramPrivacy,
};

function isOperation(value: unknown): value is Operation {
	return (
		value !== null &&
		typeof value === 'object' &&
		typeof (value as Operation).execute === 'function' &&
		Array.isArray((value as Operation).description)
	);
}

/** `resource.operation` as exported by the resource's namespace; undefined for anything else. */
export function findOperation(resource: string, operation: string): Operation | undefined {
	if (!Object.hasOwn(resources, resource)) return undefined;
	const namespace = resources[resource as keyof typeof resources] as Record<string, unknown>;
	const candidate = Object.hasOwn(namespace, operation) ? namespace[operation] : undefined;
	return isOperation(candidate) ? candidate : undefined;
}

export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	let platform;
	try {
		platform = await platformFor(this);
	} catch (error) {
		throw new NodeOperationError(
			this.getNode(),
			`The WeChat Open Platform credential cannot be used: ${(error as Error).message}`,
		);
	}
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const resource = this.getNodeParameter('resource', itemIndex) as string;
			const operation = this.getNodeParameter('operation', itemIndex) as string;
			const run = findOperation(resource, operation);
			if (!run) {
				throw new NodeOperationError(
					this.getNode(),
					`The operation "${operation}" of "${resource}" is not supported`,
					{ itemIndex },
				);
			}
			const output = await run.execute.call(this, itemIndex, { platform });
			returnData.push(
				...this.helpers.constructExecutionMetaData(output, { itemData: { item: itemIndex } }),
			);
		} catch (error) {
			const nodeError = toNodeError(this.getNode(), error, itemIndex);
			if (!this.continueOnFail()) throw nodeError;
			// `error` on the item is what n8n's "On Error: Continue (using error output)" routes by: the
			// json alone (errcode, hint besides `error`) would send the item down the success output.
			returnData.push({
				json: errorJson(error, nodeError),
				error: nodeError as NodeOperationError,
				pairedItem: { item: itemIndex },
			});
		}
	}
	return [returnData];
}

function errorJson(original: unknown, nodeError: Error): IDataObject {
	const json: IDataObject = { error: nodeError.message };
	if (original instanceof WeChatApiError) {
		json.errcode = original.errcode;
		json.errmsg = original.errmsg;
		if (original.hint) json.hint = original.hint;
	} else if (original instanceof WeChatPlatformError) {
		json.code = original.code;
		if (original.hint) json.hint = original.hint;
	} else {
		const description = (nodeError as { description?: unknown }).description;
		if (typeof description === 'string' && description) json.hint = description;
	}
	return json;
}
