/**
 * Whether an authorized account is a mini program or an Official Account. WeChat's authorizer info
 * (api_get_authorizer_info) carries `MiniProgramInfo` for mini programs only; WeChat's page names it
 * as the field that tells a mini-program authorization apart:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/authorization-management/getAuthorizerInfo.html
 * The one rule the trigger's items, Get Many Authorizers and the account picker use.
 */
export type AccountType = 'mini program' | 'official account';

export const ACCOUNT_TYPES: readonly AccountType[] = ['mini program', 'official account'];

/** `authorizer_info` of WeChat's answer (or the whole answer, or its camel-cased form). */
export function accountTypeOf(info: unknown): AccountType {
	const outer = (info !== null && typeof info === 'object' ? info : {}) as Record<string, unknown>;
	const inner = outer.authorizer_info ?? outer.authorizerInfo ?? outer;
	const a = (inner !== null && typeof inner === 'object' ? inner : {}) as Record<string, unknown>;
	return a.MiniProgramInfo !== undefined ? 'mini program' : 'official account';
}

export function isAccountType(value: unknown): value is AccountType {
	return ACCOUNT_TYPES.includes(value as AccountType);
}
