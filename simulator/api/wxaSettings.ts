/**
 * A mini program's settings on behalf of its merchant: server domains (/wxa/modify_domain and
 * /wxa/modify_domain_directly), web-view domains (/wxa/setwebviewdomain and _directly), the domains in
 * effect (/wxa/get_effective_domain), testers (/wxa/bind_tester, /wxa/unbind_tester, /wxa/memberauth)
 * and media for an audit (/wxa/uploadmedia). Request and answer fields as on WeChat's pages, e.g.
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyServerDomain.html
 */
import { randomBytes } from 'node:crypto';
import { isIP } from 'node:net';

import { OK, wxError } from '../errors';
import { jsonObject, type SimRequest, type SimResponse } from '../http';
import type { Authorizer } from '../model';
import { randomToken, type SimState } from '../state';
import {
	appSettingsOf,
	AUDIT_MEDIA_TTL_MS,
	DOMAINS_PER_KIND,
	effectiveDomains,
	emptyDomains,
	SERVER_DOMAIN_KINDS,
	settingsOf,
	type MiniProgramSettings,
	type ServerDomainKind,
	type ServerDomains,
} from '../wxaSettingsModel';
import { json, type ApiArea, type ApiContext } from './area';
import { isResponse, miniProgramFor } from './guards';

type SettingsHandler = (
	req: SimRequest,
	app: MiniProgramSettings,
	acc: Authorizer,
	ctx: ApiContext,
) => SimResponse;

function onBehalf(handler: SettingsHandler) {
	return (req: SimRequest, ctx: ApiContext): SimResponse => {
		const acc = miniProgramFor(req, ctx.state);
		if (isResponse(acc)) return acc;
		return handler(req, appSettingsOf(ctx.state, acc.appId), acc, ctx);
	};
}

const KINDS = Object.keys(SERVER_DOMAIN_KINDS) as ServerDomainKind[];
const MODIFY_ACTIONS = new Set(['add', 'delete', 'set']);

/** `scheme://host[:port]` of a well-formed domain entry, else undefined. */
function normalizeDomain(
	value: unknown,
	scheme: string,
): { url: string; hostname: string } | undefined {
	if (typeof value !== 'string') return undefined;
	let parsed: URL;
	try {
		parsed = new URL(value.trim());
	} catch {
		return undefined;
	}
	if (parsed.protocol !== `${scheme}:` || !parsed.hostname) return undefined;
	if (parsed.pathname !== '/' && parsed.pathname !== '') return undefined;
	if (parsed.search || parsed.hash || parsed.username || parsed.password) return undefined;
	// WeChat refuses IP addresses and its own API host as server domains.
	const hostname = parsed.hostname.toLowerCase();
	if (isIP(hostname.replace(/^\[|\]$/g, '')) || hostname === 'api.weixin.qq.com') return undefined;
	return { url: `${scheme}://${parsed.host.toLowerCase()}`, hostname };
}

const sameList = (a: string[], b: string[]) =>
	a.length === b.length && a.every((value, i) => value === b[i]);

function domainsJson(domains: ServerDomains): Record<string, string[]> {
	return Object.fromEntries(KINDS.map((kind) => [kind, [...domains[kind]]]));
}

/**
 * modify_domain and modify_domain_directly: `get` answers the current lists; `add`/`delete`/`set` first
 * filter out entries that are malformed (or, for modify_domain, not registered by the platform), which
 * WeChat reports in `invalid_<kind>`. Nothing left to change: 85301 when entries were filtered, else 85017.
 */
function modifyDomain(directly: boolean): SettingsHandler {
	return (req, app, _acc, { state }) => {
		const b = jsonObject(req);
		const target = directly ? app.direct : app.third;
		if (b.action === 'get') return json({ ...OK, ...domainsJson(target) });
		if (typeof b.action !== 'string' || !MODIFY_ACTIONS.has(b.action))
			return json(wxError(40097, 'action must be get, add, delete or set'));
		const registered = new Set(settingsOf(state).platformServerDomains.map((d) => d.toLowerCase()));
		const next = emptyDomains();
		const invalid = emptyDomains();
		let changed = false;
		for (const kind of KINDS) {
			const raw = b[kind] ?? [];
			if (!Array.isArray(raw)) return json(wxError(47001, `${kind} must be an array`));
			const valid: string[] = [];
			for (const entry of raw) {
				const domain = normalizeDomain(entry, SERVER_DOMAIN_KINDS[kind]);
				if (!domain || (!directly && !registered.has(domain.hostname))) {
					invalid[kind].push(String(entry));
				} else if (!valid.includes(domain.url)) valid.push(domain.url);
			}
			const current = target[kind];
			if (b.action === 'add')
				next[kind] = [...current, ...valid.filter((d) => !current.includes(d))];
			else if (b.action === 'delete') next[kind] = current.filter((d) => !valid.includes(d));
			else next[kind] = valid;
			if (next[kind].length > DOMAINS_PER_KIND) return json(wxError(85016));
			if (!sameList(next[kind], current)) changed = true;
		}
		const invalidJson = Object.fromEntries(KINDS.map((kind) => [`invalid_${kind}`, invalid[kind]]));
		if (!changed) {
			const filtered = KINDS.some((kind) => invalid[kind].length);
			return json({
				...wxError(filtered ? 85301 : 85017),
				...domainsJson(emptyDomains()),
				...invalidJson,
				no_icp_domain: [],
			});
		}
		for (const kind of KINDS) target[kind] = next[kind];
		return json({ ...OK, ...domainsJson(target), ...invalidJson, no_icp_domain: [] });
	};
}

/** True when `hostname` is a registered web-view domain or one of its subdomains. */
function registeredWebview(state: SimState, hostname: string): boolean {
	return settingsOf(state).platformWebviewDomains.some((d) => {
		const root = d.toLowerCase();
		return hostname === root || hostname.endsWith(`.${root}`);
	});
}

/**
 * setwebviewdomain (_directly): https URLs only. Through the platform a domain must be registered as
 * one of its web-view domains or a subdomain of one (89021); an unchanged list is 89019.
 */
function setWebviewDomain(directly: boolean): SettingsHandler {
	return (req, app, _acc, { state }) => {
		const b = jsonObject(req);
		const key = directly ? 'webviewDirect' : 'webview';
		if (b.action === 'get') return json({ ...OK, webviewdomain: [...app[key]] });
		if (typeof b.action !== 'string' || !MODIFY_ACTIONS.has(b.action))
			return json(wxError(40097, 'action must be get, add, delete or set'));
		const raw = b.webviewdomain ?? [];
		if (!Array.isArray(raw)) return json(wxError(47001, 'webviewdomain must be an array'));
		const valid: string[] = [];
		for (const entry of raw) {
			const domain = normalizeDomain(entry, 'https');
			if (!domain || (!directly && !registeredWebview(state, domain.hostname)))
				return json(wxError(89021, String(entry).slice(0, 100)));
			if (!valid.includes(domain.url)) valid.push(domain.url);
		}
		const current = app[key];
		let next: string[];
		if (b.action === 'add') next = [...current, ...valid.filter((d) => !current.includes(d))];
		else if (b.action === 'delete') next = current.filter((d) => !valid.includes(d));
		else next = valid;
		if (sameList(next, current)) return json(wxError(89019));
		app[key] = next;
		return json(OK);
	};
}

const getEffectiveDomain: SettingsHandler = (_req, app) =>
	json({
		...OK,
		mp_domain: domainsJson(app.mp),
		third_domain: domainsJson(app.third),
		direct_domain: domainsJson(app.direct),
		effective_domain: domainsJson(effectiveDomains(app)),
	});

/** A WeChat ID: 6–20 letters, digits, "_" or "-", starting with a letter (else "user not exist"). */
const WECHAT_ID = /^[A-Za-z][-_A-Za-z0-9]{5,19}$/;

const bindTester: SettingsHandler = (req, app, _acc, { state }) => {
	const { wechatid } = jsonObject(req);
	if (typeof wechatid !== 'string' || !wechatid) return json(wxError(40097, 'wechatid'));
	if (!WECHAT_ID.test(wechatid)) return json(wxError(85001));
	if ([...app.testers.values()].includes(wechatid)) return json(wxError(85004));
	if (app.testers.size >= settingsOf(state).testerLimit) return json(wxError(85002));
	const userstr = randomBytes(16).toString('hex');
	app.testers.set(userstr, wechatid);
	return json({ ...OK, userstr });
};

/** By wechatid or userstr; someone who is not a tester is answered 85001 (the simulator's choice). */
const unbindTester: SettingsHandler = (req, app) => {
	const { wechatid, userstr } = jsonObject(req);
	let key: string | undefined;
	if (typeof userstr === 'string' && userstr) key = app.testers.has(userstr) ? userstr : undefined;
	else if (typeof wechatid === 'string' && wechatid)
		key = [...app.testers].find(([, id]) => id === wechatid)?.[0];
	else return json(wxError(40097, 'wechatid or userstr'));
	if (!key) return json(wxError(85001));
	app.testers.delete(key);
	return json(OK);
};

const memberAuth: SettingsHandler = (req, app) => {
	if (jsonObject(req).action !== 'get_experiencer')
		return json(wxError(40097, 'action must be get_experiencer'));
	return json({ ...OK, members: [...app.testers.keys()].map((userstr) => ({ userstr })) });
};

/** WeChat's audit media: images PNG/JPEG/JPG/GIF up to 2 MB, video MP4 up to 10 MB, by file name. */
const AUDIT_MEDIA_TYPES: Record<string, { type: 'image' | 'video'; maxBytes: number }> = {
	png: { type: 'image', maxBytes: 2 * 1024 * 1024 },
	jpeg: { type: 'image', maxBytes: 2 * 1024 * 1024 },
	jpg: { type: 'image', maxBytes: 2 * 1024 * 1024 },
	gif: { type: 'image', maxBytes: 2 * 1024 * 1024 },
	mp4: { type: 'video', maxBytes: 10 * 1024 * 1024 },
};

const uploadMedia: SettingsHandler = (req, _app, acc, { state }) => {
	const file = req.form?.files.media;
	if (!file || file.bytes.length === 0) return json(wxError(41005));
	// WeChat takes the type from the file name's extension: without one it answers 40005.
	const extension = /\.([A-Za-z0-9]+)$/.exec(file.filename)?.[1]?.toLowerCase() ?? '';
	const kind = AUDIT_MEDIA_TYPES[extension];
	if (!kind) return json(wxError(40005));
	if (file.bytes.length > kind.maxBytes) return json(wxError(40006));
	const store = settingsOf(state);
	const now = state.clock.now();
	for (const [id, media] of store.auditMedia)
		if (now - media.createdAt > AUDIT_MEDIA_TTL_MS) store.auditMedia.delete(id);
	const mediaid = randomToken('', 32);
	store.auditMedia.set(mediaid, {
		appId: acc.appId,
		type: kind.type,
		bytes: file.bytes,
		filename: file.filename,
		contentType: file.contentType,
		createdAt: now,
	});
	return json({ ...OK, type: kind.type, mediaid });
};

export const wxaSettings: ApiArea = {
	name: 'mini-program settings',
	routes: {
		'/wxa/modify_domain': onBehalf(modifyDomain(false)),
		'/wxa/modify_domain_directly': onBehalf(modifyDomain(true)),
		'/wxa/setwebviewdomain': onBehalf(setWebviewDomain(false)),
		'/wxa/setwebviewdomain_directly': onBehalf(setWebviewDomain(true)),
		'/wxa/get_effective_domain': onBehalf(getEffectiveDomain),
		'/wxa/bind_tester': onBehalf(bindTester),
		'/wxa/unbind_tester': onBehalf(unbindTester),
		'/wxa/memberauth': onBehalf(memberAuth),
		'/wxa/uploadmedia': onBehalf(uploadMedia),
	},
};
