/**
 * Fake n8n contexts for calling a node's methods without n8n: hooks (webhookMethods), webhook(),
 * execute() and listSearch. All are built on one base (node, parameters, credentials, logger) and
 * read parameters through one function, the way n8n does: the workflow's values completed with
 * the defaults, expressions evaluated against the item. Only n8n's side is faked.
 */
import type { ServerResponse } from 'node:http';

import {
	NodeOperationError,
	type IBinaryData,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteResponsePromiseData,
	type IGetNodeParameterOptions,
	type IHookFunctions,
	type ILoadOptionsFunctions,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IPairedItemData,
	type IWebhookDescription,
	type IWebhookFunctions,
} from 'n8n-workflow';

import { getByPath, resolveExpression } from './expressions';
import { RecordingLogger } from './logger';
import { fakeNode, nodeParameters, type NodeOptions } from './node';
import { expressLike, type FakeRequest } from './http';

export interface BaseContextOptions extends Omit<NodeOptions, 'credentialTypes'> {
	/** Decrypted credentials by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	logger?: RecordingLogger;
	/** e.g. `http://127.0.0.1:5678/webhook`; used by getNodeWebhookUrl. */
	webhookBaseUrl?: string;
	mode?: 'webhook' | 'manual' | 'trigger' | 'internal';
}

const DEFAULT_WEBHOOK_BASE = 'http://localhost:5678/webhook';

/** What every n8n context offers that the nodes of this package use. */
export function createBaseContext(o: BaseContextOptions, items: INodeExecutionData[] = []) {
	const node = fakeNode({ ...o, credentialTypes: Object.keys(o.credentials ?? {}) });
	const parameters = nodeParameters(node, o.nodeType);
	const logger = o.logger ?? new RecordingLogger();
	const webhooks = (o.nodeType?.description.webhooks ?? []) as IWebhookDescription[];
	const webhookBase = o.webhookBaseUrl ?? DEFAULT_WEBHOOK_BASE;

	/** n8n's getNodeParameter: the value (expressions evaluated), else the fallback, else an error. */
	const readParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown => {
		const raw = getByPath(parameters, name);
		if (raw === undefined) {
			if (fallback !== undefined) return fallback;
			throw new Error(`fake context: could not get parameter "${name}"`);
		}
		const value = resolveExpression(raw, { json: items[itemIndex]?.json, parameters });
		// Like n8n: only a resource-locator value (marked __rl) is unwrapped.
		if (
			options?.extractValue &&
			value &&
			typeof value === 'object' &&
			'__rl' in value &&
			'value' in value
		) {
			return (value as { value: unknown }).value;
		}
		return value;
	};

	return {
		node,
		parameters,
		readParameter,
		logger: logger.logger,
		recordingLogger: logger,
		getNode: () => node,
		getMode: () => o.mode ?? 'webhook',
		getActivationMode: () => 'activate',
		getWorkflow: () => ({ id: 'workflow-1', name: 'Test workflow', active: true }),
		getTimezone: () => 'UTC',
		getInstanceBaseUrl: () => webhookBase.replace(/\/webhook$/, ''),
		getNodeParameter: (name: string, fallback?: unknown, options?: IGetNodeParameterOptions) =>
			readParameter(name, 0, fallback, options),
		async getCredentials<T extends object = ICredentialDataDecryptedObject>(
			type: string,
		): Promise<T> {
			const credential = o.credentials?.[type];
			if (!credential) throw new Error(`Node does not have any credentials of type "${type}" set`);
			return credential as T;
		},
		getNodeWebhookUrl(name: string): string | undefined {
			const description = webhooks.find((w) => w.name === name);
			if (!description) return undefined;
			const path = String(resolveExpression(description.path, { parameters }));
			return `${webhookBase}/${node.webhookId}/${path}`;
		},
		getWebhookName: () => 'default',
		getWebhookDescription: (name: string) => webhooks.find((w) => w.name === name),
		getWorkflowStaticData: () => ({}),
		helpers: {
			returnJsonArray: (data: IDataObject | IDataObject[]) =>
				(Array.isArray(data) ? data : [data]).map((json) => ({ json })),
		},
	};
}

type WithLogger<T> = T & { recordingLogger: RecordingLogger };

/** A fake IHookFunctions, for webhookMethods (checkExists / create / delete). */
export function createHookContext(o: BaseContextOptions): WithLogger<IHookFunctions> {
	return createBaseContext(o) as unknown as WithLogger<IHookFunctions>;
}

/** A fake IWebhookFunctions for one request. */
export function createWebhookContext(
	o: BaseContextOptions & { request: FakeRequest; response: ServerResponse },
): WithLogger<IWebhookFunctions> {
	const response = expressLike(o.response);
	return {
		...createBaseContext(o),
		getRequestObject: () => o.request,
		getResponseObject: () => response,
		getBodyData: () => o.request.body,
		getHeaderData: () => o.request.headers,
		getQueryData: () => o.request.query,
		getParamsData: () => o.request.params,
	} as unknown as WithLogger<IWebhookFunctions>;
}

/** The credential of a node type's first credential slot, keyed as getCredentials looks it up. */
function credentialsFor(nodeType: INodeType, credentials: ICredentialDataDecryptedObject) {
	const type = nodeType.description.credentials?.[0]?.name;
	if (!type) throw new Error('fake context: the node type declares no credential');
	return { [type]: credentials };
}

export interface ExecuteContextOptions {
	nodeType: INodeType;
	/** The node's parameters as a workflow would store them (only what the user set). */
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials: ICredentialDataDecryptedObject;
	continueOnFail?: boolean;
	/** Shared by every context of one simulated execution (getContext('flow')). */
	flowContext?: IDataObject;
}

export interface FakeExecution {
	context: IExecuteFunctions;
	/** Every sendResponse call, in order. */
	responses: IExecuteResponsePromiseData[];
	/** `level: message` for everything the node logged. */
	logs: string[];
	run(): Promise<INodeExecutionData[][]>;
}

function prepareBinaryData(data: Buffer, fileName?: string, mimeType?: string): IBinaryData {
	const dot = fileName?.lastIndexOf('.') ?? -1;
	return {
		data: data.toString('base64'),
		mimeType: mimeType ?? 'application/octet-stream',
		fileName,
		fileSize: String(data.length),
		fileExtension: fileName && dot > 0 ? fileName.slice(dot + 1) : undefined,
	};
}

/** A fake IExecuteFunctions running `nodeType.execute()` on `items`. */
export function executeContext(o: ExecuteContextOptions): FakeExecution {
	const items: INodeExecutionData[] = o.items ?? [{ json: {} }];
	const logger = new RecordingLogger();
	const base = createBaseContext(
		{
			nodeType: o.nodeType,
			parameters: o.parameters as IDataObject,
			credentials: credentialsFor(o.nodeType, o.credentials),
			logger,
		},
		items,
	);
	const responses: IExecuteResponsePromiseData[] = [];
	const flow = o.flowContext ?? {};

	const binaryOf = (itemIndex: number, property: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[property];
		if (!binary)
			throw new NodeOperationError(
				base.node,
				`This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`,
			);
		return binary;
	};

	const context = {
		...base,
		getInputData: () => items,
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			options?: IGetNodeParameterOptions,
		) => base.readParameter(name, itemIndex, fallback, options),
		continueOnFail: () => o.continueOnFail === true,
		getContext: (type: string) => {
			if (type !== 'flow') throw new Error('fake context: only the flow context exists');
			return flow;
		},
		getExecutionId: () => 'fake-execution',
		sendResponse: async (response: IExecuteResponsePromiseData) => {
			responses.push(response);
		},
		helpers: {
			...base.helpers,
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				opts: { itemData: IPairedItemData | IPairedItemData[] },
			) => data.map((entry) => ({ ...entry, pairedItem: opts.itemData })),
			assertBinaryData: (itemIndex: number, property: string) => binaryOf(itemIndex, property),
			getBinaryDataBuffer: async (itemIndex: number, property: string) =>
				Buffer.from(binaryOf(itemIndex, property).data, 'base64'),
			prepareBinaryData: async (data: Buffer, fileName?: string, mimeType?: string) =>
				prepareBinaryData(data, fileName, mimeType),
		},
	} as unknown as IExecuteFunctions;

	return {
		context,
		responses,
		logs: logger.lines,
		run: () =>
			(o.nodeType.execute as (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>).call(
				context,
			),
	};
}

/** A fake ILoadOptionsFunctions for listSearch / loadOptions methods. */
export function loadOptionsContext(
	nodeType: INodeType,
	credentials: ICredentialDataDecryptedObject,
	parameters: INodeParameters = {},
): { context: ILoadOptionsFunctions; logs: string[] } {
	const logger = new RecordingLogger();
	const base = createBaseContext({
		nodeType,
		parameters: parameters as IDataObject,
		credentials: credentialsFor(nodeType, credentials),
		logger,
	});
	const context = {
		...base,
		getCurrentNodeParameter: (name: string) => getByPath(base.parameters, name),
	} as unknown as ILoadOptionsFunctions;
	return { context, logs: logger.lines };
}
