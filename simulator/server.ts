/**
 * The simulator's HTTP server: reads and parses each request, hands it to `dispatch`, writes the
 * answer. Oversized bodies get 413 with WeChat's 40097; anything thrown becomes a 500 JSON answer.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { wxError } from './errors';
import {
	BodyTooLargeError,
	parseRequest,
	readBody,
	send,
	type SimRequest,
	type SimResponse,
} from './http';

export interface ListeningServer {
	/** http://host:port, with 0.0.0.0 shown as 127.0.0.1. */
	url: string;
	close(): Promise<void>;
}

export async function listen(
	o: { port?: number; host?: string },
	dispatch: (req: SimRequest) => Promise<SimResponse>,
): Promise<ListeningServer> {
	const server = createServer((req: IncomingMessage, res: ServerResponse) => {
		void (async () => {
			try {
				const raw = await readBody(req);
				send(res, await dispatch(await parseRequest(req, raw)));
			} catch (err) {
				if (err instanceof BodyTooLargeError)
					send(res, { json: wxError(40097, 'body too large'), status: 413 });
				else
					send(res, {
						json: { errcode: -1, errmsg: `simulator error: ${String(err)}` },
						status: 500,
					});
			}
		})();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(o.port ?? 0, o.host ?? '127.0.0.1', () => resolve());
	});
	const addr = server.address() as AddressInfo;
	const host = addr.family === 'IPv6' ? `[${addr.address}]` : addr.address;
	return {
		url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${addr.port}`,
		close: () =>
			new Promise<void>((resolve) => {
				server.close(() => resolve());
				server.closeAllConnections();
			}),
	};
}
