/** What a push request looks like here: n8n's request (a readable stream) with the bytes n8n may have kept. */
export interface PushRequest {
	rawBody?: unknown;
	readableEnded?: boolean;
	on(event: string, listener: (...args: never[]) => void): unknown;
	off(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * The exact bytes of the request, at most `maxBytes + 1` of them (enough to tell "too large").
 * For typeVersion 1 n8n reads every body into `rawBody`. From 1.1 on it reads only JSON, text, form
 * and XML content types; WeChat does not document the Content-Type of its pushes, so any other body
 * is read here instead of being lost.
 */
export async function readRawBody(
	request: PushRequest,
	maxBytes: number,
): Promise<Buffer | undefined> {
	if (Buffer.isBuffer(request.rawBody)) return request.rawBody;
	if (request.readableEnded || typeof request.on !== 'function') return undefined;
	return await new Promise<Buffer | undefined>((resolve) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const done = (body: Buffer | undefined) => {
			request.off('data', onData);
			request.off('end', onEnd);
			request.off('error', onError);
			resolve(body);
		};
		const onData = (chunk: Buffer | string) => {
			const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
			chunks.push(bytes);
			size += bytes.length;
			// Enough to refuse it. The rest is discarded as it arrives (the stream keeps flowing without
			// a listener): a paused request would leave its bytes in a kept-alive connection, and the
			// next request on it would never be read.
			if (size > maxBytes) done(Buffer.concat(chunks));
		};
		const onEnd = () => done(Buffer.concat(chunks));
		const onError = () => done(undefined);
		request.on('data', onData);
		request.on('end', onEnd);
		request.on('error', onError);
	});
}
