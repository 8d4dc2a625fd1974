import type {
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { platformFor } from '../../shared/platform';
import { accountTypeForResource, accountTypes } from './accountType';

/** Accounts whose type a search may look up at WeChat (each is recorded, so later searches need none). */
const TYPE_LOOKUPS_PER_SEARCH = 20;

/**
 * Accounts known to the store (with their names) merged with WeChat's authoritative list, so an
 * account authorized before this n8n stored anything still shows up (by AppID). Where the node's
 * resource acts for one kind of account (shared/accountType.ts), only mini programs or only Official
 * Accounts are listed; an account whose type is still unknown is listed for both.
 */
export async function searchAuthorizers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const platform = await platformFor(this);
	const accounts = new Map<string, { nickName?: string; userName?: string }>();
	for (const known of await platform.listAuthorizers()) {
		accounts.set(known.appId, { nickName: known.nickName, userName: known.userName });
	}
	try {
		for (let offset = 0; ; offset += 500) {
			const page = await platform.getAuthorizerList(offset, 500);
			for (const entry of page.list)
				if (!accounts.has(entry.authorizer_appid)) accounts.set(entry.authorizer_appid, {});
			if (page.list.length < 500 || offset + 500 >= page.total_count) break;
		}
	} catch (error) {
		// The stored accounts are still worth listing when WeChat cannot be asked (no ticket yet,
		// IP not whitelisted); the reason goes to the log, where the operator looks.
		this.logger.warn(
			`WeChat Open Platform: could not list authorizers from WeChat: ${(error as Error).message}`,
		);
	}
	const wanted = accountTypeForResource(this.getCurrentNodeParameter('resource'));
	const types = wanted
		? await accountTypes(platform, accounts.keys(), TYPE_LOOKUPS_PER_SEARCH)
		: new Map();
	const needle = (filter ?? '').trim().toLowerCase();
	const results: INodeListSearchItems[] = [];
	for (const [appId, names] of accounts) {
		const type = types.get(appId);
		if (wanted && type && type !== wanted) continue;
		const label = names.nickName ? `${names.nickName} (${appId})` : appId;
		const haystack = `${label} ${names.userName ?? ''}`.toLowerCase();
		if (needle && !haystack.includes(needle)) continue;
		results.push({ name: label, value: appId });
	}
	results.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}
