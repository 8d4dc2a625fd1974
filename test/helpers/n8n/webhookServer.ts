/**
 * A small HTTP server that serves a trigger's webhooks the way n8n does: `/webhook/<webhookId>/<path>`
 * with `:param` segments, `rawBody` as a Buffer, and the answer rules of n8n 2.x after webhook()
 * returns (onReceived / responseNode / noWebhookResponse). The node and everything behind it are real.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeType,
	IWebhookDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';

import {
	CALLBACK_PATH,
	callbackPathOf,
	TEST_CALLBACK_PATH,
	testCallbackPathOf,
} from '../../../nodes/WeChatOpenPlatformTrigger/properties';
import { createWebhookContext, type BaseContextOptions } from './contexts';
import { resolveExpression } from './expressions';
import { expressLike, type FakeRequest } from './http';
import { RecordingLogger } from './logger';
import { fakeNode, nodeParameters } from './node';

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
		.filter((w) => String(resolveExpression(w.httpMethod, { parameters })).toUpperCase() === method)
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

/** A webhook path as n8n evaluates it (the trigger's message URL path, or a simple expression). */
function resolvePath(value: unknown, parameters: IDataObject, node: INode): unknown {
	if (value === CALLBACK_PATH) return callbackPathOf(node.typeVersion, node.webhookId);
	if (value === TEST_CALLBACK_PATH) return testCallbackPathOf(node.webhookId);
	return resolveExpression(value, { parameters });
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
	const node = fakeNode({ ...o, credentialTypes: Object.keys(o.credentials ?? {}) });
	const parameters = nodeParameters(node, o.nodeType);
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
			resolveExpression(match.description.responseMode ?? 'onReceived', { parameters }) ??
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
