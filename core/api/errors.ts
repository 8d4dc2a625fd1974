import { hintFor, NO_TICKET_HINT } from './hints';

/** An errcode other than 0 from WeChat. Never carries a secret: `endpoint` is redacted. */
export class WeChatApiError extends Error {
	readonly errcode: number;
	readonly errmsg: string;
	/** Path and query, every token, secret, ticket and code replaced by `***`. */
	readonly endpoint: string;
	/** What to do about it, in plain words (may be undefined for unknown codes). */
	readonly hint?: string;

	constructor(o: { errcode: number; errmsg: string; endpoint: string; hint?: string }) {
		super(`WeChat API error ${o.errcode}: ${o.errmsg}`);
		this.name = 'WeChatApiError';
		this.errcode = o.errcode;
		this.errmsg = o.errmsg;
		this.endpoint = o.endpoint;
		this.hint = o.hint ?? hintFor(o.errcode);
	}
}

/** The refresh token is gone for good (61023 even after re-syncing from the authorizer list). */
export class WeChatAuthorizationLostError extends WeChatApiError {
	readonly authorizerAppId: string;

	constructor(o: { authorizerAppId: string; errcode: number; errmsg: string; endpoint: string }) {
		super({
			...o,
			hint: `authorization lost for ${o.authorizerAppId}: the merchant must authorize this platform again (send them a new authorization link)`,
		});
		this.name = 'WeChatAuthorizationLostError';
		this.message = `Authorization lost for ${o.authorizerAppId}, the merchant must authorize again (WeChat API error ${o.errcode}: ${o.errmsg})`;
		this.authorizerAppId = o.authorizerAppId;
	}
}

/**
 * WeChat answered -1 (system busy) to a message send. It is not repeated automatically: the message
 * may or may not have reached the user, and a second request could deliver it twice.
 */
export class WeChatDeliveryUnknownError extends WeChatApiError {
	readonly code = 'DELIVERY_UNKNOWN';

	constructor(o: { errcode: number; errmsg: string; endpoint: string }) {
		super({
			...o,
			hint: 'WeChat was busy and did not confirm the send, so it was not repeated automatically (it could arrive twice): check whether the user received the message before sending it again',
		});
		this.name = 'WeChatDeliveryUnknownError';
		this.message = `Delivery unknown: WeChat was busy (API error ${o.errcode}: ${o.errmsg}); the message was not sent again`;
	}
}

/** Errors of ours that are not WeChat errcodes: missing ticket, unknown authorizer, network. */
export class WeChatPlatformError extends Error {
	readonly code: string;
	readonly hint?: string;

	constructor(code: string, message: string, hint?: string) {
		super(message);
		this.name = 'WeChatPlatformError';
		this.code = code;
		this.hint = hint;
	}
}

export { NO_TICKET_HINT };

export function noTicketError(): WeChatPlatformError {
	return new WeChatPlatformError(
		'NO_TICKET',
		'No component_verify_ticket has been received yet, so no component access token can be requested',
		NO_TICKET_HINT,
	);
}

export function unknownAuthorizerError(appId: string): WeChatPlatformError {
	return new WeChatPlatformError(
		'UNKNOWN_AUTHORIZER',
		`No authorization is stored for ${appId} and WeChat does not list it as authorized`,
		'the account has not authorized this platform (or authorized it before the store was set up): send the merchant an authorization link',
	);
}

/** An AppID that is not WeChat's shape (`wx` + 16 lowercase hex digits): nothing is sent or stored. */
export function invalidAppIdError(what: string, appId: unknown): WeChatPlatformError {
	return new WeChatPlatformError(
		'INVALID_APPID',
		`${what} must be "wx" followed by 16 lowercase hexadecimal characters (got "${String(appId).slice(0, 64)}")`,
		"copy the AppID from WeChat's console (for example wx1234567890abcdef)",
	);
}

/** WeChat answered errcode 0 without the field the call exists for. */
export function unexpectedAnswerError(what: string): WeChatPlatformError {
	return new WeChatPlatformError(
		'UNEXPECTED_ANSWER',
		`WeChat returned no ${what}`,
		'WeChat answered without an error but without the expected value; try again, and if it persists look the rid up with Platform → Look Up Request ID',
	);
}

/** The request never got a WeChat answer: connection refused, timeout, non-200 HTTP status. */
export class WeChatNetworkError extends WeChatPlatformError {
	readonly endpoint: string;
	readonly status?: number;

	constructor(o: { reason: string; endpoint: string; status?: number; timeout?: boolean }) {
		super(
			o.timeout ? 'TIMEOUT' : 'NETWORK',
			`WeChat request failed (${o.reason}) for ${o.endpoint}`,
			o.timeout
				? 'WeChat did not answer in time; check the network from this n8n host to the API base URL, or raise the timeout'
				: 'could not reach the WeChat API; check the API base URL and the network (proxy, DNS, firewall) from this n8n host',
		);
		this.name = 'WeChatNetworkError';
		this.endpoint = o.endpoint;
		this.status = o.status;
	}
}
