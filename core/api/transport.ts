import axios, { type AxiosInstance, type AxiosResponse } from 'axios';

import { WeChatApiError, WeChatDeliveryUnknownError, WeChatNetworkError } from './errors';
import { mayRetryBusy, mayRetryNetwork } from './retryPolicy';
import { redactEndpoint, scrub, secretValues } from './redact';
import type { ApiRequest, BinaryResponse, Logger } from './types';

export interface TransportOptions {
	baseUrl: string;
	/** Per-request timeout (default 10 s). */
	timeoutMs?: number;
	/** Attempts for `-1` (system busy) and for network failures of GET requests (default 3); see retryPolicy.ts. */
	maxAttempts?: number;
	/** First backoff delay; doubles each attempt (default 500 ms). */
	retryBaseDelayMs?: number;
	logger?: Logger;
}

const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * The only place that talks HTTP to WeChat. Turns `errcode != 0` into `WeChatApiError`, retries
 * what is safe to retry, and makes sure nothing axios carries (config, headers, bodies, URLs with
 * tokens) ever leaves this module.
 */
export class WeChatTransport {
	private readonly http: AxiosInstance;
	private readonly timeoutMs: number;
	private readonly maxAttempts: number;
	private readonly baseDelayMs: number;
	private readonly logger?: Logger;
	readonly baseUrl: string;

	constructor(options: TransportOptions) {
		this.baseUrl = options.baseUrl.replace(/\/+$/, '');
		this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
		this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
		this.baseDelayMs = options.retryBaseDelayMs ?? 500;
		this.logger = options.logger;
		this.http = axios.create({
			baseURL: this.baseUrl,
			// WeChat reports errors in the body of HTTP 200; other statuses are handled below.
			validateStatus: () => true,
			maxRedirects: 0,
			proxy: false,
		});
	}

	async request(req: ApiRequest & { responseType: 'arraybuffer' }): Promise<BinaryResponse>;
	async request<T = Record<string, unknown>>(req: ApiRequest): Promise<T>;
	async request<T>(req: ApiRequest): Promise<T | BinaryResponse> {
		const endpoint = redactEndpoint(req.path, req.query);
		const secrets = secretValues(req.path, req.query, req.body);
		for (let attempt = 1; ; attempt++) {
			try {
				return await this.once<T>(req, endpoint, secrets);
			} catch (error) {
				const busy = error instanceof WeChatApiError && error.errcode === -1;
				if (busy && !mayRetryBusy(req)) {
					throw new WeChatDeliveryUnknownError({
						errcode: error.errcode,
						errmsg: error.errmsg,
						endpoint: error.endpoint,
					});
				}
				const retry =
					attempt < this.maxAttempts &&
					(busy || (error instanceof WeChatNetworkError && mayRetryNetwork(req, error.status)));
				if (!retry) throw error;
				const delay = this.baseDelayMs * 2 ** (attempt - 1);
				this.logger?.warn?.(
					`WeChat ${req.method} ${endpoint} failed (${(error as Error).message}); retrying in ${delay} ms`,
				);
				await new Promise((resolve) => setTimeout(resolve, delay));
			}
		}
	}

	private async once<T>(
		req: ApiRequest,
		endpoint: string,
		secrets: string[],
	): Promise<T | BinaryResponse> {
		const binary = req.responseType === 'arraybuffer';
		let response: AxiosResponse<unknown>;
		const started = Date.now();
		try {
			response = await this.http.request({
				method: req.method,
				url: req.path,
				params: dropUndefined(req.query),
				data: req.body,
				timeout: req.timeoutMs ?? this.timeoutMs,
				responseType: binary ? 'arraybuffer' : 'text',
				// Parse ourselves: a half-parsed body must not turn into a silent string.
				transformResponse: [(data: unknown) => data],
			});
		} catch (error) {
			throw this.networkError(error, endpoint, secrets);
		}
		this.logger?.debug?.(
			`WeChat ${req.method} ${endpoint} → HTTP ${response.status} in ${Date.now() - started} ms`,
		);
		if (response.status !== 200) {
			throw new WeChatNetworkError({
				reason: `HTTP ${response.status}`,
				endpoint,
				status: response.status,
			});
		}
		const contentType = headerOf(response, 'content-type');
		if (binary) {
			const data = Buffer.from(response.data as ArrayBuffer);
			// WeChat answers a failed download with a JSON errcode body instead of the file.
			if (!contentType || /json|text\/plain/i.test(contentType))
				this.check(tryJson(data.toString('utf8')), endpoint, secrets);
			return { data, contentType, fileName: fileNameOf(response) };
		}
		const text =
			typeof response.data === 'string'
				? response.data
				: Buffer.from(response.data as ArrayBuffer).toString('utf8');
		const parsed = tryJson(text);
		if (parsed === undefined) {
			throw new WeChatNetworkError({
				reason: 'the answer was not JSON',
				endpoint,
				status: response.status,
			});
		}
		this.check(parsed, endpoint, secrets);
		return parsed as T;
	}

	private check(parsed: unknown, endpoint: string, secrets: string[]): void {
		if (parsed === null || typeof parsed !== 'object') return;
		const { errcode, errmsg } = parsed as { errcode?: unknown; errmsg?: unknown };
		const code = typeof errcode === 'string' ? Number(errcode) : errcode;
		if (typeof code === 'number' && Number.isFinite(code) && code !== 0) {
			throw new WeChatApiError({
				errcode: code,
				errmsg: scrub(typeof errmsg === 'string' ? errmsg : '', secrets),
				endpoint,
			});
		}
	}

	private networkError(error: unknown, endpoint: string, secrets: string[]): WeChatNetworkError {
		const e = error as { code?: string; message?: string };
		const timeout =
			e.code === 'ECONNABORTED' || e.code === 'ETIMEDOUT' || /timeout/i.test(e.message ?? '');
		// Only the error code and a scrubbed message: axios errors carry the config, URL and body.
		const reason = e.code ?? scrub(String(e.message ?? 'unknown error'), secrets).slice(0, 200);
		return new WeChatNetworkError({ reason: timeout ? 'timeout' : reason, endpoint, timeout });
	}
}

function dropUndefined(
	query: ApiRequest['query'],
): Record<string, string | number | boolean> | undefined {
	if (!query) return undefined;
	const out: Record<string, string | number | boolean> = {};
	for (const [name, value] of Object.entries(query)) if (value !== undefined) out[name] = value;
	return out;
}

function tryJson(text: string): unknown {
	const trimmed = text.trim();
	if (!trimmed.startsWith('{') && !trimmed.startsWith('[')) return undefined;
	try {
		return JSON.parse(trimmed) as unknown;
	} catch {
		return undefined;
	}
}

function headerOf(response: AxiosResponse<unknown>, name: string): string | undefined {
	const value = (response.headers as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : undefined;
}

function fileNameOf(response: AxiosResponse<unknown>): string | undefined {
	const disposition = headerOf(response, 'content-disposition');
	if (!disposition) return undefined;
	const star = /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition);
	if (star) {
		try {
			return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain form
		}
	}
	const plain = /filename\s*=\s*"?([^";]+)"?/i.exec(disposition);
	return plain ? plain[1].trim() : undefined;
}
