import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DelayProxy {
	url: string;
	/** Holds WeChat's answer for `path` (after the simulator has handled the request) for `ms`. */
	delayResponses(path: string, ms: number): void;
	/** Calls `fn` when the simulator's answer for `path` arrives, before passing it on. */
	onResponse(path: string, fn: () => void): void;
	close(): Promise<void>;
}

/**
 * A pass-through HTTP proxy in front of the simulator that can hold answers back: makes refreshes
 * overlap across processes deterministically, and lets a test kill a process while WeChat has
 * already done its part (e.g. rotated a refresh token) but the answer has not arrived.
 */
export async function startDelayProxy(target: string): Promise<DelayProxy> {
	const delays = new Map<string, number>();
	const hooks = new Map<string, () => void>();
	const targetUrl = new URL(target);
	const server: Server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (c: Buffer) => chunks.push(c));
		req.on('end', () => {
			const path = (req.url ?? '/').split('?')[0];
			const upstream = request(
				{
					host: targetUrl.hostname,
					port: targetUrl.port,
					method: req.method,
					path: req.url,
					headers: { ...req.headers, host: targetUrl.host },
				},
				(answer: IncomingMessage) => {
					const body: Buffer[] = [];
					answer.on('data', (c: Buffer) => body.push(c));
					answer.on('end', () => {
						hooks.get(path)?.();
						const send = () => {
							if (res.destroyed) return;
							res.writeHead(answer.statusCode ?? 502, answer.headers);
							res.end(Buffer.concat(body));
						};
						const ms = delays.get(path);
						if (ms) setTimeout(send, ms);
						else send();
					});
				},
			);
			upstream.on('error', () => {
				if (!res.destroyed) {
					res.writeHead(502);
					res.end();
				}
			});
			upstream.end(Buffer.concat(chunks));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	return {
		url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
		delayResponses: (path, ms) => void delays.set(path, ms),
		onResponse: (path, fn) => void hooks.set(path, fn),
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
