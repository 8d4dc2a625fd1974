/**
 * What the simulated WeChat holds about mini-program code: the platform's drafts and templates
 * (uploaded by its developer tool), and per mini program the committed test version, its audits,
 * the released version, a gray release and the visit status. Kept beside SimState (one record per
 * state) so that state.ts does not grow. Field names follow WeChat's answers, e.g.
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/getAuditStatus.html
 */
import type { SimState } from './state';

export interface Draft {
	draft_id: number;
	user_version: string;
	user_desc: string;
	create_time: number;
	source_miniprogram_appid: string;
	source_miniprogram: string;
	developer: string;
	/** The pages the uploaded code has (what get_page answers after a commit). */
	pages: string[];
}

export interface Template extends Omit<Draft, 'draft_id'> {
	template_id: number;
	/** 0 a normal template, 1 a standard template. */
	template_type: number;
}

/** A version of code in a mini program: the committed test version, or what an audit/release holds. */
export interface CodeVersion {
	templateId: number;
	extJson: string;
	userVersion: string;
	userDesc: string;
	pages: string[];
	/** Unix seconds. */
	committedAt: number;
}

/** WeChat's audit status values: 0 approved, 1 rejected, 2 auditing, 3 withdrawn, 4 delayed. */
export type AuditStatus = 0 | 1 | 2 | 3 | 4;

export interface Audit {
	auditid: number;
	appId: string;
	status: AuditStatus;
	version: CodeVersion;
	submittedAt: number;
	itemList: unknown[];
	reason?: string;
	screenshot?: string;
	/** Unix seconds of the decision (SuccTime / FailTime). */
	decidedAt?: number;
	released: boolean;
}

export interface Release {
	version: CodeVersion;
	/** Unix seconds. */
	releasedAt: number;
	/** WeChat's app_version: a counter of releases per mini program. */
	appVersion: number;
}

export interface GrayPlan {
	/** 1 running, 3 done (fully released), 4 deleted. */
	status: number;
	gray_percentage: number;
	create_timestamp: number;
	audit: Audit;
}

export interface MiniProgramCode {
	commit?: CodeVersion;
	audits: Audit[];
	release?: Release;
	/** Released versions before the current one, newest last: what a rollback returns to. */
	history: Release[];
	gray?: GrayPlan;
	visitStatus: 'open' | 'close';
	auditsThisMonth: number;
	speedupsThisMonth: number;
}

/** How submitted audits end: after `delayMs` (real time) with `outcome`, or only when told (undefined). */
export interface AuditSettings {
	delayMs?: number;
	outcome: 'approve' | 'reject';
	reason: string;
}

export interface WxaStore {
	drafts: Map<number, Draft>;
	templates: Map<number, Template>;
	apps: Map<string, MiniProgramCode>;
	settings: AuditSettings;
	/** Where audit events are pushed (a message URL; `$APPID$` is replaced). */
	messageUrl?: string;
	nextDraftId: number;
	nextTemplateId: number;
	nextAuditId: number;
}

/**
 * Permission sets a mini program typically grants a platform (funcscope categories: 17 account
 * management, 18 development management, 19 customer service, 25 open platform account, 30 basic
 * info, 31 verification, 36 privacy, 37 …); 18 is what the code APIs need.
 */
export const MINI_PROGRAM_FUNC_INFO = [17, 18, 19, 25, 30, 31, 36, 37, 40, 48, 49];

/** Submit-audit quota per month (queryquota's `limit`) and speed-up quota (`speedup_limit`). */
export const AUDIT_LIMIT = 20;
export const SPEEDUP_LIMIT = 5;
/** Templates a platform may keep (normal templates; WeChat's library limit). */
export const TEMPLATE_LIMIT = 100;
/** Default reason of a rejection, in WeChat's style (numbered findings, `<br>` separated). */
export const DEFAULT_REJECT_REASON =
	'1:The page content does not match the selected service category:<br>(1):pages/index/index shows content outside the category.<br>';
export const DELAY_REASON =
	'The audit takes longer than usual; WeChat will push the result when it is done';

const stores = new WeakMap<SimState, WxaStore>();

export function wxaOf(state: SimState): WxaStore {
	let store = stores.get(state);
	if (!store) {
		store = {
			drafts: new Map(),
			templates: new Map(),
			apps: new Map(),
			settings: { outcome: 'approve', reason: DEFAULT_REJECT_REASON },
			nextDraftId: 1,
			nextTemplateId: 1,
			nextAuditId: 420_000_001,
		};
		stores.set(state, store);
	}
	return store;
}

export function codeOf(state: SimState, appId: string): MiniProgramCode {
	const store = wxaOf(state);
	let app = store.apps.get(appId);
	if (!app) {
		app = {
			audits: [],
			history: [],
			visitStatus: 'open',
			auditsThisMonth: 0,
			speedupsThisMonth: 0,
		};
		store.apps.set(appId, app);
	}
	return app;
}

export interface DraftInput {
	userVersion?: string;
	userDesc?: string;
	pages?: string[];
	developer?: string;
}

/** The developer tool uploads code: a new draft in the platform's draft box. */
export function addDraft(state: SimState, d: DraftInput = {}): Draft {
	const store = wxaOf(state);
	const id = store.nextDraftId++;
	const draft: Draft = {
		draft_id: id,
		user_version: d.userVersion ?? `1.0.${id}`,
		user_desc: d.userDesc ?? `Draft ${id} uploaded from the developer tool`,
		create_time: state.clock.seconds(),
		source_miniprogram_appid: 'wx00000000de000001',
		source_miniprogram: 'Platform development mini program',
		developer: d.developer ?? 'developer',
		pages: d.pages?.length ? [...d.pages] : ['pages/index/index', 'pages/detail/detail'],
	};
	store.drafts.set(id, draft);
	return draft;
}

/** The latest audit of a mini program, if any. */
export function latestAudit(app: MiniProgramCode): Audit | undefined {
	return app.audits[app.audits.length - 1];
}

/** An audit that is still running (auditing or delayed): a second submit gets 85009. */
export function runningAudit(app: MiniProgramCode): Audit | undefined {
	const last = latestAudit(app);
	return last && (last.status === 2 || last.status === 4) ? last : undefined;
}
