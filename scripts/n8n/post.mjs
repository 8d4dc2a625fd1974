// One timed HTTP POST of an XML body, for the benchmarks that drive a real n8n (`bench:e2e`,
// `bench:attack`): keep-alive agent, latency measured from the request to the last byte.
import { request } from 'node:http';

/**
 * Resolves `{ ms, status, body }`. A connection the server drops resolves too, with
 * `status: 'error'` and the error as body: a forged request n8n cuts off is an answer, not a crash.
 */
export function postXml(agent, url, body) {
	return new Promise((resolve) => {
		const t0 = process.hrtime.bigint();
		const elapsed = () => Number(process.hrtime.bigint() - t0) / 1e6;
		const req = request(
			url,
			{
				method: 'POST',
				agent,
				headers: { 'content-type': 'text/xml', 'content-length': Buffer.byteLength(body) },
			},
			(res) => {
				const chunks = [];
				res.on('data', (c) => chunks.push(c));
				res.on('end', () =>
					resolve({
						ms: elapsed(),
						status: res.statusCode,
						body: Buffer.concat(chunks).toString(),
					}),
				);
				res.on('error', (error) =>
					resolve({ ms: elapsed(), status: 'error', body: String(error) }),
				);
			},
		);
		req.on('error', (error) => resolve({ ms: elapsed(), status: 'error', body: String(error) }));
		req.end(body);
	});
}
