/**
 * What the simulated WeChat holds about a mini program's settings: its server domains (set by the
 * merchant, by the platform through modify_domain, or directly through modify_domain_directly), its
 * web-view (business) domains, its testers, and the media uploaded for an audit. Kept beside SimState
 * (one record per state) so that state.ts does not grow. Rules from WeChat's pages:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyServerDomain.html
 * (a domain must first be registered as a mini-program server domain of the platform; at most 200 per
 * kind; no IP addresses; api.weixin.qq.com is refused) and
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/member-management/bindTester.html
 */
import type { SimState } from './state';

/** The six kinds of server domain, as WeChat names the fields, and the scheme each must use. */
export const SERVER_DOMAIN_KINDS = {
	requestdomain: 'https',
	wsrequestdomain: 'wss',
	uploaddomain: 'https',
	downloaddomain: 'https',
	udpdomain: 'udp',
	tcpdomain: 'tcp',
} as const;
export type ServerDomainKind = keyof typeof SERVER_DOMAIN_KINDS;
export type ServerDomains = Record<ServerDomainKind, string[]>;

/** At most 200 domains of each kind (WeChat's limit, 85016 beyond it). */
export const DOMAINS_PER_KIND = 200;
/** How long an audit media id stays valid (WeChat: three days). */
export const AUDIT_MEDIA_TTL_MS = 3 * 24 * 3600 * 1000;
/** Testers a mini program may have (85002 beyond it); tests lower it through `settingsOf`. */
export const DEFAULT_TESTER_LIMIT = 90;

export interface MiniProgramSettings {
	/** Configured by the merchant on mp.weixin.qq.com. */
	mp: ServerDomains;
	/** Configured by the platform through /wxa/modify_domain. */
	third: ServerDomains;
	/** Configured through /wxa/modify_domain_directly. */
	direct: ServerDomains;
	webview: string[];
	webviewDirect: string[];
	/** userstr → WeChat ID. */
	testers: Map<string, string>;
}

export interface AuditMedia {
	appId: string;
	type: 'image' | 'video';
	bytes: Buffer;
	filename: string;
	contentType: string;
	createdAt: number;
}

export interface SettingsStore {
	/** Hosts (with an optional port) the platform registered as mini-program server domains. */
	platformServerDomains: string[];
	/** Hosts the platform registered as mini-program web-view domains (their subdomains count too). */
	platformWebviewDomains: string[];
	apps: Map<string, MiniProgramSettings>;
	auditMedia: Map<string, AuditMedia>;
	testerLimit: number;
}

const stores = new WeakMap<SimState, SettingsStore>();

export function settingsOf(state: SimState): SettingsStore {
	let store = stores.get(state);
	if (!store) {
		store = {
			platformServerDomains: ['api.example.com', 'files.example.com', 'socket.example.com'],
			platformWebviewDomains: ['example.com'],
			apps: new Map(),
			auditMedia: new Map(),
			testerLimit: DEFAULT_TESTER_LIMIT,
		};
		stores.set(state, store);
	}
	return store;
}

export function emptyDomains(): ServerDomains {
	return {
		requestdomain: [],
		wsrequestdomain: [],
		uploaddomain: [],
		downloaddomain: [],
		udpdomain: [],
		tcpdomain: [],
	};
}

export function appSettingsOf(state: SimState, appId: string): MiniProgramSettings {
	const store = settingsOf(state);
	let app = store.apps.get(appId);
	if (!app) {
		app = {
			mp: emptyDomains(),
			third: emptyDomains(),
			direct: emptyDomains(),
			webview: [],
			webviewDirect: [],
			testers: new Map(),
		};
		store.apps.set(appId, app);
	}
	return app;
}

/**
 * The domains in effect. WeChat keeps only the platform's domains once the platform released code
 * for the mini program; the simulator takes the platform's (modify_domain and _directly together)
 * as soon as there are any, else the merchant's own.
 */
export function effectiveDomains(app: MiniProgramSettings): ServerDomains {
	const out = emptyDomains();
	const platformSet = Object.keys(out).some(
		(k) => app.third[k as ServerDomainKind].length || app.direct[k as ServerDomainKind].length,
	);
	for (const kind of Object.keys(out) as ServerDomainKind[]) {
		out[kind] = platformSet
			? [...new Set([...app.third[kind], ...app.direct[kind]])]
			: [...app.mp[kind]];
	}
	return out;
}
