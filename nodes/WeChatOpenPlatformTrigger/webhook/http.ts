import type { IWebhookFunctions, IWebhookResponseData } from 'n8n-workflow';

export const TEXT = 'text/plain; charset=utf-8';
export const XML = 'application/xml; charset=utf-8';
export const HTML = 'text/html; charset=utf-8';

/** WeChat's "received, nothing to add" answer. */
export const SUCCESS = 'success';

/**
 * Writes the whole answer ourselves and tells n8n not to add one. Used for every request that
 * starts no execution, so that the status, type and body are exactly ours (n8n would send its
 * `webhookResponse` as text/html with status 200).
 */
export function respond(
	context: IWebhookFunctions,
	status: number,
	body: string,
	contentType = TEXT,
): IWebhookResponseData {
	const res = context.getResponseObject();
	if (!res.headersSent) {
		res.status(status);
		res.setHeader('Content-Type', contentType);
		res.setHeader('Cache-Control', 'no-store');
		// Browsers must take the body for the type we say (an echoed echostr is never HTML).
		res.setHeader('X-Content-Type-Options', 'nosniff');
		res.send(body);
	}
	return { noWebhookResponse: true };
}

/** The plain `success` WeChat expects for anything it should neither retry nor show. */
export const acknowledge = (context: IWebhookFunctions): IWebhookResponseData =>
	respond(context, 200, SUCCESS);

/**
 * Answers `success` and starts the workflow. Returning `webhookResponse` with `workflowData` is
 * not enough: n8n (1.123 and 2.41) then sends its default `responseData`, the literal word
 * `firstEntryJson`, which WeChat shows the user as a broken service.
 */
export const acknowledgeAndStart = (
	context: IWebhookFunctions,
	workflowData: NonNullable<IWebhookResponseData['workflowData']>,
): IWebhookResponseData => ({ ...acknowledge(context), workflowData });

/** A rejected request: a short reason only, never how the check failed in detail. */
export interface Rejection {
	status: 400 | 403;
	reason: string;
	/** For the log: which check failed (no secrets, no request content). */
	detail?: string;
	/**
	 * Only the signature failed, on a well-formed request inside the freshness window: the one case
	 * where the credential may have changed since it was read (a new Token or EncodingAESKey).
	 */
	signatureMismatch?: boolean;
}

export function reject(context: IWebhookFunctions, rejection: Rejection): IWebhookResponseData {
	context.logger.warn(
		`WeChat Open Platform Trigger refused a request: ${rejection.reason}${
			rejection.detail ? ` (${rejection.detail})` : ''
		}`,
	);
	return respond(context, rejection.status, rejection.reason);
}

/** Query values as WeChat sends them: exactly one string each; repeated or absent → undefined. */
export function queryString(query: object, name: string): string | undefined {
	const value = (query as Record<string, unknown>)[name];
	return typeof value === 'string' ? value : undefined;
}
