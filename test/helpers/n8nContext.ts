/**
 * Fake n8n contexts for calling a node's webhook(), webhookMethods and (by extending the base)
 * execute() without n8n, plus a small HTTP server that serves a trigger's webhooks the way n8n
 * does: `/webhook/<webhookId>/<path>` with `:param` segments, `rawBody` as a Buffer, the answer
 * rules of n8n 2.x after webhook() returns (onReceived / responseNode / noWebhookResponse).
 *
 * Only n8n's side is faked; the node, the core and the WeChat simulator under test are real.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IHookFunctions,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
	Logger,
} from 'n8n-workflow';

import {
	CALLBACK_PATH,
	callbackPathOf,
	TEST_CALLBACK_PATH,
	testCallbackPathOf,
} from '../../nodes/WeChatOpenPlatformTrigger/properties';

// ---------------------------------------------------------------- logger

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

export class RecordingLogger {
	readonly entries: LogEntry[] = [];

	readonly logger: Logger = {
		error: (message, metadata) => this.entries.push({ level: 'error', message, metadata }),
		warn: (message, metadata) => this.entries.push({ level: 'warn', message, metadata }),
		info: (message, metadata) => this.entries.push({ level: 'info', message, metadata }),
		debug: (message, metadata) => this.entries.push({ level: 'debug', message, metadata }),
	};

	/** Everything logged, as one string (e.g. to assert that no secret appears). */
	text(): string {
		return this.entries
			.map((e) => `${e.level}: ${e.message} ${JSON.stringify(e.metadata ?? '')}`)
			.join('\n');
	}

	messages(level?: LogEntry['level']): string[] {
		return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
	}
}

// ---------------------------------------------------------------- base context

export interface BaseContextOptions {
	/** Node parameters as the workflow JSON holds them (dotted names are resolved on read). */
	parameters?: IDataObject;
	/** Decrypted credentials by credential type name. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	node?: Partial<INode>;
	logger?: RecordingLogger;
	/** e.g. `http://127.0.0.1:5678/webhook`; used by getNodeWebhookUrl. */
	webhookBaseUrl?: string;
	/** The node type, for its webhook descriptions (getNodeWebhookUrl). */
	nodeType?: INodeType;
	mode?: 'webhook' | 'manual' | 'trigger' | 'internal';
}

/** `a.b.c` looked up in nested objects, the way getNodeParameter reads a dotted name; undefined when absent. */
export function getByPath(source: unknown, name: string): unknown {
	let value = source;
	for (const part of name.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** `={{$parameter["x"]}}` / `={{$parameter.x}}` → the parameter; other strings as they are. */
export function resolveSimpleExpression(value: unknown, parameters: IDataObject): unknown {
	if (typeof value !== 'string' || !value.startsWith('=')) return value;
	const match = /^=\{\{\s*\$parameter(?:\["([^"]+)"\]|\.([A-Za-z0-9_]+))\s*\}\}$/.exec(value);
	if (!match) throw new Error(`The fake context cannot evaluate ${value}`);
	return parameters[match[1] ?? match[2]];
}

/** A webhook path as n8n evaluates it (the trigger's message URL path, or a simple expression). */
export function resolvePath(value: unknown, parameters: IDataObject, node: INode): unknown {
	if (value === CALLBACK_PATH) return callbackPathOf(node.typeVersion, node.webhookId);
	if (value === TEST_CALLBACK_PATH) return testCallbackPathOf(node.webhookId);
	return resolveSimpleExpression(value, parameters);
}

function defaultVersionOf(nodeType: INodeType | undefined): number {
	const d = nodeType?.description;
	if (!d) return 1;
	return d.defaultVersion ?? (Array.isArray(d.version) ? Math.max(...d.version) : d.version);
}

export function fakeNode(o: BaseContextOptions): INode {
	return {
		id: 'node-1',
		name: 'Trigger',
		type: 'n8n-nodes-wechat-open-platform.test',
		// New workflows get the node's default version, as in the editor.
		typeVersion: defaultVersionOf(o.nodeType),
		position: [0, 0],
		parameters: (o.parameters ?? {}) as INode['parameters'],
		webhookId: '5f0c1a9e-6b1d-4f4e-9d0a-2c6e1b7a9f00',
		// As in n8n: the node references each credential by id; one id per context, as if each test
		// server had its own credential (the trigger keys its short credential reuse by this id).
		credentials: Object.fromEntries(
			Object.keys(o.credentials ?? {}).map((type) => [
				type,
				{ id: randomUUID(), name: `${type} account` },
			]),
		),
		...o.node,
	};
}

/**
 * The node's parameters as n8n resolves them: top-level values missing from the workflow JSON
 * take the property's default (n8n omits defaults when it saves a workflow).
 */
export function withDefaults(parameters: IDataObject = {}, nodeType?: INodeType): IDataObject {
	const resolved: IDataObject = { ...parameters };
	for (const property of nodeType?.description.properties ?? []) {
		if (property.type === 'notice' || resolved[property.name] !== undefined) continue;
		resolved[property.name] = property.default as IDataObject[string];
	}
	return resolved;
}

/** What every n8n context offers that the nodes of this package use. */
export function createBaseContext(o: BaseContextOptions) {
	const node = fakeNode(o);
	const parameters = withDefaults(o.parameters, o.nodeType);
	const logger = o.logger ?? new RecordingLogger();
	const webhooks = (o.nodeType?.description.webhooks ?? []) as IWebhookDescription[];
	return {
		logger: logger.logger,
		recordingLogger: logger,
		getNode: () => node,
		getMode: () => o.mode ?? 'webhook',
		getActivationMode: () => 'activate',
		getWorkflow: () => ({ id: 'workflow-1', name: 'Test workflow', active: true }),
		getTimezone: () => 'UTC',
		getInstanceBaseUrl: () =>
			(o.webhookBaseUrl ?? 'http://localhost:5678/webhook').replace(/\/webhook$/, ''),
		getNodeParameter(name: string, fallback?: unknown): unknown {
			const value = getByPath(parameters, name);
			return value === undefined ? fallback : value;
		},
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
			const path = String(resolveSimpleExpression(description.path, parameters));
			return `${o.webhookBaseUrl ?? 'http://localhost:5678/webhook'}/${node.webhookId}/${path}`;
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

/** A fake IHookFunctions, for webhookMethods (checkExists / create / delete). */
export function createHookContext(o: BaseContextOptions) {
	return createBaseContext(o) as unknown as IHookFunctions & { recordingLogger: RecordingLogger };
}

// ---------------------------------------------------------------- webhook context

/** The parts of n8n's express request that nodes read. */
export interface FakeRequest extends Omit<IncomingMessage, 'rawBody'> {
	method: string;
	url: string;
	path: string;
	headers: IncomingMessage['headers'];
	query: Record<string, string | string[]>;
	params: Record<string, string>;
	/** Absent where n8n does not read the body (typeVersion > 1 and a type it does not parse). */
	rawBody: Buffer | undefined;
	/** n8n parses XML bodies too (lower-cased tag names); a node must not rely on it. */
	body: IDataObject;
}

/** Gives a node's ServerResponse the express methods n8n's response object has. */
export type ExpressLikeResponse = ServerResponse & {
	status(code: number): ExpressLikeResponse;
	send(body?: unknown): ExpressLikeResponse;
	json(body: unknown): ExpressLikeResponse;
};

export function expressLike(res: ServerResponse): ExpressLikeResponse {
	const r = res as ServerResponse & Record<string, unknown>;
	r.status = (code: number) => {
		res.statusCode = code;
		return r;
	};
	r.json = (body: unknown) => {
		if (!res.getHeader('Content-Type'))
			res.setHeader('Content-Type', 'application/json; charset=utf-8');
		return (r.send as (b: unknown) => ServerResponse)(JSON.stringify(body));
	};
	r.send = (body?: unknown) => {
		if (body !== null && typeof body === 'object' && !Buffer.isBuffer(body)) {
			return (r.json as (b: unknown) => ServerResponse)(body);
		}
		const chunk = body === undefined ? '' : body;
		if (typeof chunk === 'string' && !res.getHeader('Content-Type')) {
			res.setHeader('Content-Type', 'text/html; charset=utf-8');
		}
		res.setHeader('Content-Length', Buffer.byteLength(chunk as string | Buffer));
		res.end(chunk);
		return r;
	};
	return r as never;
}

export function createWebhookContext(
	o: BaseContextOptions & { request: FakeRequest; response: ServerResponse },
) {
	const base = createBaseContext(o);
	const response = expressLike(o.response);
	return {
		...base,
		getRequestObject: () => o.request,
		getResponseObject: () => response,
		getBodyData: () => o.request.body,
		getHeaderData: () => o.request.headers,
		getQueryData: () => o.request.query,
		getParamsData: () => o.request.params,
	} as unknown as IWebhookFunctions & { recordingLogger: RecordingLogger };
}

// ---------------------------------------------------------------- webhook server

export interface Execution {
	method: string;
	path: string;
	responseMode: string;
	items: INodeExecutionData[][];
	/** The first item's json, for convenience. */
	json: IDataObject;
}

/** What a responseNode-mode "workflow" does with the held request. */
export interface HeldResponse {
	/** Like a node calling `this.sendResponse({ body, headers, statusCode })`. */
	sendResponse(r: { body: unknown; headers?: Record<string, string>; statusCode?: number }): void;
	/** Like a node failing before any answer: n8n 2.x answers 500. */
	fail(): void;
	/** The run ends without sendResponse: n8n answers an empty 200. */
	finishWithoutResponse(): void;
}

export interface WebhookServerOptions
	extends Omit<BaseContextOptions, 'webhookBaseUrl' | 'nodeType'> {
	nodeType: INodeType;
	/** Called for each execution started in responseNode mode; default: finish without a response. */
	onHeldExecution?: (execution: Execution, held: HeldResponse) => void | Promise<void>;
}

export interface WebhookServer {
	/** `http://127.0.0.1:<port>/webhook` */
	baseUrl: string;
	webhookId: string;
	/** The URL of one of the node's webhook paths, with `:param` values filled in by the caller. */
	url(path: string): string;
	executions: Execution[];
	/** Errors thrown by webhook() (n8n would answer 500). */
	webhookErrors: unknown[];
	logger: RecordingLogger;
	/** Requests handled so far. */
	handled: number;
	close(): Promise<void>;
}

function parseQuery(search: URLSearchParams): Record<string, string | string[]> {
	const query: Record<string, string | string[]> = {};
	for (const [k, v] of search) {
		const existing = query[k];
		query[k] =
			existing === undefined ? v : Array.isArray(existing) ? [...existing, v] : [existing, v];
	}
	return query;
}

function matchWebhook(
	webhooks: IWebhookDescription[],
	parameters: IDataObject,
	method: string,
	segments: string[],
	node: INode,
): { description: IWebhookDescription; params: Record<string, string> } | undefined {
	// n8n registers a path that is not `isFullPath` as `<webhookId>/<path>`; for a path with a
	// `:param` the lookup strips only the first `<webhookId>` segment of the URL, so such a
	// webhook is served at `/webhook/<webhookId>/<webhookId>/<path>`. Mirror that.
	const registeredParts = (w: IWebhookDescription): string[] => {
		const parts = String(resolvePath(w.path, parameters, node)).split('/');
		const dynamic = parts.some((p) => p.startsWith(':'));
		return dynamic && w.isFullPath !== true ? [node.webhookId as string, ...parts] : parts;
	};
	const candidates = webhooks
		.filter(
			(w) => String(resolveSimpleExpression(w.httpMethod, parameters)).toUpperCase() === method,
		)
		.map((w) => ({ w, parts: registeredParts(w) }))
		.filter(({ parts }) => parts.length === segments.length)
		// Static paths win over dynamic ones, as in n8n.
		.sort(
			(a, b) =>
				a.parts.filter((p) => p.startsWith(':')).length -
				b.parts.filter((p) => p.startsWith(':')).length,
		);
	for (const { w, parts } of candidates) {
		const params: Record<string, string> = {};
		const ok = parts.every((part, i) => {
			if (part.startsWith(':')) {
				params[part.slice(1)] = decodeURIComponent(segments[i]);
				return true;
			}
			return part === segments[i];
		});
		if (ok) return { description: w, params };
	}
	return undefined;
}

function isParsableContentType(type: string | undefined): boolean {
	if (!type) return false;
	return (
		['application/json', 'text/plain', 'application/x-www-form-urlencoded'].some((t) =>
			type.startsWith(t),
		) ||
		type.endsWith('/xml') ||
		type.endsWith('+xml')
	);
}

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

/** Serves `nodeType`'s webhooks like n8n on loopback. */
export async function startWebhookServer(o: WebhookServerOptions): Promise<WebhookServer> {
	const logger = o.logger ?? new RecordingLogger();
	const parameters = withDefaults(o.parameters, o.nodeType);
	const node = fakeNode(o);
	const webhookId = node.webhookId as string;
	const webhooks = (o.nodeType.description.webhooks ?? []) as IWebhookDescription[];
	const executions: Execution[] = [];
	const webhookErrors: unknown[] = [];
	let baseUrl = '';
	let handled = 0;

	const handle = async (req: IncomingMessage, rawRes: ServerResponse) => {
		const res = expressLike(rawRes);
		const url = new URL(req.url ?? '/', 'http://127.0.0.1');
		const segments = url.pathname.split('/').filter((s) => s !== '');
		const method = (req.method ?? 'GET').toUpperCase();
		// n8n 2.41 reads a version-1 trigger's body unless its options.binaryData is truthy, a later
		// version's only for these types (webhook-helpers.js parseRequestBody).
		const binaryData = (parameters.options as IDataObject | undefined)?.binaryData;
		const readByN8n =
			node.typeVersion === 1 ? !binaryData : isParsableContentType(req.headers['content-type']);
		const rawBody = readByN8n ? await readBody(req) : undefined;
		if (segments[0] !== 'webhook' || segments[1] !== webhookId) {
			res.status(404).json({ message: 'webhook not registered' });
			return;
		}
		const match = matchWebhook(webhooks, parameters, method, segments.slice(2), node);
		if (!match) {
			res.status(404).json({ message: 'webhook not registered' });
			return;
		}
		// Like express, the request is the IncomingMessage itself: a body n8n left unread can be read.
		const request: FakeRequest = Object.assign(req, {
			method,
			url: req.url ?? '/',
			path: url.pathname,
			headers: req.headers,
			query: parseQuery(url.searchParams),
			params: match.params,
			rawBody,
			body: {},
		});
		const context = createWebhookContext({
			...o,
			logger,
			node,
			webhookBaseUrl: baseUrl,
			request,
			response: rawRes,
		});
		const responseMode = String(
			resolveSimpleExpression(match.description.responseMode ?? 'onReceived', parameters) ??
				'onReceived',
		);

		let result: IWebhookResponseData;
		try {
			result = await (
				o.nodeType.webhook as (this: IWebhookFunctions) => Promise<IWebhookResponseData>
			).call(context);
		} catch (error) {
			webhookErrors.push(error);
			if (!rawRes.headersSent)
				res
					.status(500)
					.json({ code: 0, message: 'Workflow Webhook Error: Workflow could not be started!' });
			return;
		}
		handled++;
		if (result.workflowData === undefined) {
			if (result.noWebhookResponse !== true && !rawRes.headersSent) {
				res.status(200).send(result.webhookResponse ?? { message: 'Webhook call received' });
			}
			return;
		}
		const execution: Execution = {
			method,
			path: url.pathname,
			responseMode,
			items: result.workflowData,
			json: result.workflowData[0]?.[0]?.json ?? {},
		};
		executions.push(execution);
		if (responseMode === 'responseNode') {
			const held: HeldResponse = {
				sendResponse: ({ body, headers, statusCode }) => {
					for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
					res.status(statusCode ?? 200).send(body);
				},
				fail: () => {
					res.status(500).json({ message: 'Error in workflow' });
				},
				finishWithoutResponse: () => {
					res.status(200).end();
				},
			};
			if (o.onHeldExecution) await o.onHeldExecution(execution, held);
			else held.finishWithoutResponse();
			return;
		}
		if (result.noWebhookResponse !== true && !rawRes.headersSent) {
			// Real n8n (1.123 and 2.41) evaluates the description's `responseData` with the default
			// 'firstEntryJson' and sends that literal word when it is set, before `webhookResponse`.
			const responseData = match.description.responseData ?? 'firstEntryJson';
			if (responseData === 'noData') res.status(200).end();
			else
				res
					.status(200)
					.send(responseData || (result.webhookResponse ?? { message: 'Workflow was started' }));
		}
	};

	const server: Server = createServer((req, res) => {
		handle(req, res).catch((error: unknown) => {
			webhookErrors.push(error);
			if (!res.headersSent) {
				res.statusCode = 500;
				res.end('harness error');
			}
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhook`;

	return {
		baseUrl,
		webhookId,
		url: (path: string) => `${baseUrl}/${webhookId}/${path}`,
		executions,
		webhookErrors,
		logger,
		get handled() {
			return handled;
		},
		close: () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}

/** Polls `condition` every 10 ms until it holds or `timeoutMs` passes (then throws). */
export async function waitFor(
	condition: () => boolean,
	timeoutMs = 5000,
	what = 'condition',
): Promise<void> {
	const started = Date.now();
	while (!condition()) {
		if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 10));
	}
}
