/**
 * A fake IExecuteFunctions / ILoadOptionsFunctions for calling a node's execute() or listSearch
 * methods outside n8n. Parameters get their defaults the way n8n computes them
 * (NodeHelpers.getNodeParameters over the node's description, honouring displayOptions), and
 * expressions of the simple forms nodes use as defaults (`={{ $json.a }}`, `={{ $json.a?.b }}`,
 * text around them) are resolved against the item. Anything else throws, so a test never
 * silently runs with an unresolved expression.
 */
import {
	NodeHelpers,
	NodeOperationError,
	type ICredentialDataDecryptedObject,
	type IDataObject,
	type IExecuteFunctions,
	type IExecuteResponsePromiseData,
	type IGetNodeParameterOptions,
	type ILoadOptionsFunctions,
	type INode,
	type INodeExecutionData,
	type INodeParameters,
	type INodeType,
	type IBinaryData,
	type IPairedItemData,
} from 'n8n-workflow';

import { getByPath } from './n8nContext';

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
	logs: string[];
	run(): Promise<INodeExecutionData[][]>;
}

const EXPRESSION = /\{\{\s*\$json((?:\??\.[A-Za-z_$][\w$]*|\[\s*'[^']*'\s*\])*)\s*\}\}/g;

function readPath(json: IDataObject, path: string): unknown {
	const parts = [...path.matchAll(/\??\.([A-Za-z_$][\w$]*)|\[\s*'([^']*)'\s*\]/g)].map(
		(m) => m[1] ?? m[2],
	);
	let value: unknown = json;
	for (const part of parts) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[part];
	}
	return value;
}

export function resolveExpression(value: unknown, json: IDataObject): unknown {
	if (typeof value === 'string' && value.startsWith('=')) {
		const body = value.slice(1);
		const whole = /^\s*\{\{\s*\$json((?:\??\.[A-Za-z_$][\w$]*|\[\s*'[^']*'\s*\])*)\s*\}\}\s*$/.exec(
			body,
		);
		if (whole) return readPath(json, whole[1]);
		const rest = body.replace(EXPRESSION, '');
		if (rest.includes('{{')) throw new Error(`fake context: unsupported expression ${value}`);
		return body.replace(EXPRESSION, (_m, path: string) => {
			const v = readPath(json, path);
			return v === undefined || v === null
				? ''
				: typeof v === 'object'
					? JSON.stringify(v)
					: String(v);
		});
	}
	if (Array.isArray(value)) return value.map((v) => resolveExpression(v, json));
	if (value && typeof value === 'object') {
		return Object.fromEntries(
			Object.entries(value).map(([k, v]) => [k, resolveExpression(v, json)]),
		);
	}
	return value;
}

export function fakeNode(nodeType: INodeType, parameters: INodeParameters): INode {
	const { description } = nodeType;
	return {
		id: 'fake-node-id',
		name: description.defaults.name ?? description.displayName,
		type: `n8n-nodes-wechat-open-platform.${description.name}`,
		typeVersion: 1,
		position: [0, 0],
		parameters,
	};
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

export function executeContext(o: ExecuteContextOptions): FakeExecution {
	const items: INodeExecutionData[] = o.items ?? [{ json: {} }];
	const { description } = o.nodeType;
	const node = fakeNode(o.nodeType, o.parameters);
	const full =
		NodeHelpers.getNodeParameters(
			description.properties,
			o.parameters,
			true,
			false,
			node,
			description,
		) ?? {};
	const responses: IExecuteResponsePromiseData[] = [];
	const logs: string[] = [];
	const flow = o.flowContext ?? {};
	const log = (level: string) => (message: string) => void logs.push(`${level}: ${message}`);

	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: IGetNodeParameterOptions,
	): unknown => {
		let value = getByPath(full, name);
		if (value === undefined) {
			if (arguments.length >= 3 || fallback !== undefined) return fallback;
			throw new Error(`fake context: could not get parameter "${name}"`);
		}
		value = resolveExpression(value, items[itemIndex]?.json ?? {});
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

	const binaryOf = (itemIndex: number, property: string): IBinaryData => {
		const binary = items[itemIndex]?.binary?.[property];
		if (!binary)
			throw new NodeOperationError(
				node,
				`This operation expects the node's input data to contain a binary file '${property}', but none was found [item ${itemIndex}]`,
			);
		return binary;
	};

	const context = {
		logger: {
			debug: log('debug'),
			info: log('info'),
			warn: log('warn'),
			error: log('error'),
			verbose: log('verbose'),
		},
		getNode: () => node,
		getInputData: () => items,
		getNodeParameter: (
			name: string,
			itemIndex: number,
			fallback?: unknown,
			options?: IGetNodeParameterOptions,
		) => getNodeParameter(name, itemIndex, fallback, options),
		getCredentials: async (type: string) => {
			const wanted = description.credentials?.[0]?.name;
			if (type !== wanted) throw new Error(`fake context: unexpected credential type ${type}`);
			return o.credentials;
		},
		continueOnFail: () => o.continueOnFail === true,
		getMode: () => 'webhook',
		getContext: (type: string) => {
			if (type !== 'flow') throw new Error('fake context: only the flow context exists');
			return flow;
		},
		getExecutionId: () => 'fake-execution',
		sendResponse: async (response: IExecuteResponsePromiseData) => {
			responses.push(response);
		},
		helpers: {
			constructExecutionMetaData: (
				data: INodeExecutionData[],
				opts: { itemData: IPairedItemData | IPairedItemData[] },
			) => data.map((entry) => ({ ...entry, pairedItem: opts.itemData })),
			returnJsonArray: (json: IDataObject | IDataObject[]) =>
				(Array.isArray(json) ? json : [json]).map((j) => ({ json: j })),
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
		logs,
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
	const logs: string[] = [];
	const log = (level: string) => (message: string) => void logs.push(`${level}: ${message}`);
	const context = {
		logger: {
			debug: log('debug'),
			info: log('info'),
			warn: log('warn'),
			error: log('error'),
			verbose: log('verbose'),
		},
		getNode: () => fakeNode(nodeType, parameters),
		getNodeParameter: (name: string, fallback?: unknown) => getByPath(parameters, name) ?? fallback,
		getCurrentNodeParameter: (name: string) => getByPath(parameters, name),
		getCredentials: async () => credentials,
	} as unknown as ILoadOptionsFunctions;
	return { context, logs };
}
