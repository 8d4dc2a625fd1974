import { text } from '../../../core/text';
import type { XmlObject } from '../../../core/xml';
import { str } from './types';

/**
 * Results of fast registration (快速注册) pushed to the authorization-event URL. They name the new
 * mini program `appid` (not `AuthorizerAppid`) and, when `status` is 0, carry an `auth_code` for
 * api_query_auth: the mini program is authorized to the platform, like an `authorized` event.
 * - `notify_third_fasteregister` (sic): enterprise and personal registrations,
 *   https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ent/registerMiniprogram.html
 *   and …/fast-registration-ind/fastRegisterPersonalMp.html (same InfoType, `info` has wxuser/idname)
 * - `notify_third_fastregisterbetaapp`: a trial mini program was created (no `auth_code`; it is
 *   authorized to the platform that created it),
 *   https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/beta_Mini_Programs/fastregister.html
 * - `notify_third_fastverifybetaapp`: a trial mini program became a regular one,
 *   https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/beta_Mini_Programs/fastverify.html
 */
export const FAST_REGISTRATION_INFO_TYPES = new Set([
	'notify_third_fasteregister',
	'notify_third_fastregisterbetaapp',
	'notify_third_fastverifybetaapp',
]);

export interface AccountPush {
	/** The account the push is about ('' when none). */
	appId: string;
	/** An authorization code to exchange ('' when none). */
	code: string;
	/** True when the push authorizes an account (new authorization, or a registration that succeeded). */
	authorizes: boolean;
}

/** What an authorization-event push says about an account, whichever InfoType it has. */
export function accountPush(infoType: string, fields: XmlObject): AccountPush {
	if (FAST_REGISTRATION_INFO_TYPES.has(infoType)) {
		const succeeded = text(fields.status) === '0';
		return {
			appId: str(fields, 'appid'),
			code: succeeded ? str(fields, 'auth_code') : '',
			authorizes: succeeded && str(fields, 'appid') !== '',
		};
	}
	return {
		appId: str(fields, 'AuthorizerAppid'),
		code: str(fields, 'AuthorizationCode'),
		authorizes: infoType === 'authorized' || infoType === 'updateauthorized',
	};
}
