/**
 * What WeChat keeps about a mini program's profile and privacy, per account: nickname (and its
 * audits), avatar, signature with their monthly quotas, categories, privacy settings and the
 * privacy interfaces. Kept beside SimState (one per simulator), not in it.
 */
import type { SimState } from './state';

/** Changes per month WeChat allows (getaccountbasicinfo's modify_quota). */
export const SIGNATURE_QUOTA = 5;
export const AVATAR_QUOTA = 5;
export const CATEGORY_LIMIT = 5;

/** audit_stat of api_wxa_querynickname: 1 under audit, 2 rejected, 3 approved. */
export interface NicknameAudit {
	appId: string;
	nickname: string;
	status: 1 | 2 | 3;
	reason: string;
	createTime: number;
	auditTime: number;
}

/** audit_status of getcategory: 1 under audit, 2 rejected, 3 approved. */
export interface AccountCategory {
	first: number;
	second: number;
	certicates: Array<{ key: string; value: string }>;
	auditStatus: 1 | 2 | 3;
	auditReason: string;
}

/** status of get_privacy_interface: 1 to apply, 2 no permission, 3 applying, 4 rejected, 5 open. */
export interface PrivacyInterface {
	apiName: string;
	chineseName: string;
	status: 1 | 2 | 3 | 4 | 5;
	auditId?: number;
	failReason?: string;
}

export interface PrivacySetting {
	ownerSetting: Record<string, unknown>;
	settingList: Array<{ privacy_key: string; privacy_text: string }>;
	updateTime: number;
}

export interface ProfileRecord {
	nickname: string;
	signature: string;
	headImageUrl: string;
	signatureChanges: Map<string, number>;
	avatarChanges: Map<string, number>;
	categories: AccountCategory[];
	privacy: Map<1 | 2, PrivacySetting>;
	interfaces: PrivacyInterface[];
}

export interface ProfileState {
	accounts: Map<string, ProfileRecord>;
	nicknameAudits: Map<number, NicknameAudit>;
	privacyAudits: Map<number, { appId: string; apiName: string }>;
	nextAuditId: number;
	privacyFiles: Map<string, { appId: string; bytes: number }>;
}

/** A small excerpt of WeChat's category tree: id, name, parent (0 = first level), sensitive. */
export const CATEGORY_TREE: ReadonlyArray<{
	id: number;
	name: string;
	father: number;
	sensitive: boolean;
}> = [
	{ id: 304, name: '商家自营', father: 0, sensitive: false },
	{ id: 305, name: '食品', father: 304, sensitive: false },
	{ id: 321, name: '服装/鞋/箱包', father: 304, sensitive: false },
	{ id: 150, name: '教育', father: 0, sensitive: false },
	{ id: 151, name: '在线教育', father: 150, sensitive: false },
	{ id: 673, name: '医疗服务', father: 0, sensitive: true },
	{ id: 674, name: '互联网医院', father: 673, sensitive: true },
];

/** Privacy keys WeChat knows (a subset of its list) with the interfaces that need them. */
export const PRIVACY_KEYS = ['UserInfo', 'Location', 'Address', 'PhoneNumber', 'Album', 'Camera'];

const ALL = new WeakMap<SimState, ProfileState>();

export function profileState(state: SimState): ProfileState {
	let entry = ALL.get(state);
	if (!entry) {
		entry = {
			accounts: new Map(),
			nicknameAudits: new Map(),
			privacyAudits: new Map(),
			nextAuditId: 420_000_000,
			privacyFiles: new Map(),
		};
		ALL.set(state, entry);
	}
	return entry;
}

/** The profile of an account, created from its simulator record on first use. */
export function profileOf(state: SimState, appId: string): ProfileRecord {
	const profiles = profileState(state).accounts;
	let record = profiles.get(appId);
	if (!record) {
		const acc = state.requireAuthorizer(appId);
		record = {
			nickname: acc.nickName,
			signature: '',
			headImageUrl: `https://wx.qlogo.cn/mmhead/${appId}/0`,
			signatureChanges: new Map(),
			avatarChanges: new Map(),
			categories: [],
			privacy: new Map(),
			interfaces: [
				{ apiName: 'wx.chooseAddress', chineseName: '获取用户收货地址', status: 1 },
				{ apiName: 'wx.getLocation', chineseName: '获取当前的地理位置', status: 1 },
				{ apiName: 'wx.chooseLocation', chineseName: '打开地图选择位置', status: 5 },
			],
		};
		profiles.set(appId, record);
	}
	return record;
}

/** `YYYY-MM` of the simulated clock: quotas count per calendar month. */
export function monthOf(state: SimState): string {
	return new Date(state.clock.now()).toISOString().slice(0, 7);
}

export function newAuditId(state: SimState): number {
	const p = profileState(state);
	p.nextAuditId += 1;
	return p.nextAuditId;
}

/** WeChat's reviewers decide a nickname audit (for tests and the control API). */
export function decideNicknameAudit(
	state: SimState,
	auditId: number,
	approved: boolean,
	reason = '',
): void {
	const audit = profileState(state).nicknameAudits.get(auditId);
	if (!audit) throw new Error(`no nickname audit ${auditId}`);
	audit.status = approved ? 3 : 2;
	audit.reason = approved ? '' : reason || 'rejected';
	audit.auditTime = state.clock.seconds();
	if (approved) profileOf(state, audit.appId).nickname = audit.nickname;
}

/** WeChat's reviewers decide a category (audit_status 3 approved, 2 rejected). */
export function decideCategory(
	state: SimState,
	appId: string,
	second: number,
	approved: boolean,
	reason = '',
): void {
	const category = profileOf(state, appId).categories.find((c) => c.second === second);
	if (!category) throw new Error(`no category ${second} on ${appId}`);
	category.auditStatus = approved ? 3 : 2;
	category.auditReason = approved ? '' : reason || 'rejected';
}

/** WeChat's reviewers decide a privacy-interface application. */
export function decidePrivacyApplication(
	state: SimState,
	auditId: number,
	approved: boolean,
	reason = '',
): void {
	const application = profileState(state).privacyAudits.get(auditId);
	if (!application) throw new Error(`no privacy interface application ${auditId}`);
	const api = profileOf(state, application.appId).interfaces.find(
		(i) => i.apiName === application.apiName,
	)!;
	api.status = approved ? 5 : 4;
	api.failReason = approved ? undefined : reason || 'rejected';
}
