import { accountTypeOf, type AccountType } from '../../../core/accountType';
import type { WeChatPlatform } from '../../../core/platform';

/**
 * Which kind of account a resource's operations act for, so the account picker lists only those.
 * Resources not named here (Message, Media, Reply, Authorization, Token, API Request, …) work for both.
 * A new resource for one kind of account adds its line here.
 */
const ACCOUNT_TYPE_BY_RESOURCE: Readonly<Record<string, AccountType>> = {
	menu: 'official account',
	user: 'official account',
	templateMessage: 'official account',
	qrCode: 'official account',
	oauth: 'official account',
	jsSdk: 'official account',
	miniProgramCode: 'mini program',
	miniProgramSettings: 'mini program',
	miniProgramUser: 'mini program',
};

export function accountTypeForResource(resource: unknown): AccountType | undefined {
	return typeof resource === 'string' && Object.hasOwn(ACCOUNT_TYPE_BY_RESOURCE, resource)
		? ACCOUNT_TYPE_BY_RESOURCE[resource]
		: undefined;
}

/**
 * The account type of each AppID: from the store, and for up to `maxLookups` accounts the store does
 * not know yet (authorized before types were recorded) from api_get_authorizer_info, which records it.
 * Accounts left unknown are absent from the map.
 */
export async function accountTypes(
	platform: WeChatPlatform,
	appIds: Iterable<string>,
	maxLookups: number,
): Promise<Map<string, AccountType>> {
	const known = new Map<string, AccountType>();
	for (const account of await platform.listAuthorizers())
		if (account.accountType) known.set(account.appId, account.accountType);
	let lookups = 0;
	for (const appId of appIds) {
		if (known.has(appId) || lookups >= maxLookups) continue;
		lookups++;
		try {
			known.set(appId, accountTypeOf((await platform.getAuthorizerInfo(appId)).authorizer_info));
		} catch {
			// Left unknown (e.g. the authorization was revoked): listed under both kinds.
		}
	}
	return known;
}
