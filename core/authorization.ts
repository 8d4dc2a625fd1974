/** What an authorization exchange returns to the caller: WeChat's answers minus the tokens. */

/** `authorization_info` as WeChat returns it, minus the tokens (they stay in the store). */
export interface AuthorizationInfo {
	authorizer_appid: string;
	expires_in?: number;
	func_info?: Array<{ funcscope_category: { id: number } }>;
	[field: string]: unknown;
}

/** api_get_authorizer_info's answer, tokens removed. */
export interface AuthorizerInfo {
	authorizer_info: Record<string, unknown>;
	authorization_info: AuthorizationInfo;
}

export interface AuthorizationDetails {
	authorization: AuthorizationInfo;
	/** Absent when the best-effort api_get_authorizer_info after the exchange failed. */
	authorizerInfo?: AuthorizerInfo;
}

/** An authorization WeChat accepted for an account the caller does not take (nothing stored). */
export class AuthorizationRefusedError extends Error {
	constructor(readonly appId: string) {
		super(`The authorization of ${appId} was not accepted here (another account is expected)`);
		this.name = 'AuthorizationRefusedError';
	}
}
