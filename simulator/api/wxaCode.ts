/**
 * A mini program's code on behalf (authorizer token as `access_token`): commit a template as the test
 * version, submit it for audit, release it (fully or gray), roll back. Request and answer fields as in
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/commit.html
 * and the pages beside it. The audit's outcome comes from the control API (wxaAudit.ts).
 */
import { OK, wxError } from '../errors';
import { jsonObject, str, type SimRequest, type SimResponse } from '../http';
import type { Authorizer } from '../model';
import { qrLikePng } from '../png';
import {
	AUDIT_LIMIT,
	SPEEDUP_LIMIT,
	codeOf,
	latestAudit,
	runningAudit,
	wxaOf,
	type Audit,
	type MiniProgramCode,
	type Release,
} from '../wxaModel';
import { json, type ApiArea, type ApiContext } from './area';
import { isResponse, miniProgramFor } from './guards';
import { idOf } from './wxaTemplates';

/** WeChat caps user_version at 64 characters. */
const USER_VERSION_MAX = 64;
/** submit_audit takes at most 5 entries in item_list (85023). */
const ITEM_LIST_MAX = 5;

type CodeHandler = (
	req: SimRequest,
	app: MiniProgramCode,
	acc: Authorizer,
	ctx: ApiContext,
) => SimResponse;

/** The mini program behind the authorizer token (61007 for others: guards.ts `miniProgramFor`). */
function onBehalf(handler: CodeHandler) {
	return (req: SimRequest, ctx: ApiContext): SimResponse => {
		const acc = miniProgramFor(req, ctx.state);
		if (isResponse(acc)) return acc;
		return handler(req, codeOf(ctx.state, acc.appId), acc, ctx);
	};
}

const commit: CodeHandler = (req, app, _acc, { state }) => {
	const b = jsonObject(req);
	const template = wxaOf(state).templates.get(idOf(b.template_id) ?? -1);
	if (!template) return json(wxError(85014));
	// WeChat reads ext_json as a JSON string it parses again: an object is a data format error
	// (47001) and a string that is not a JSON object fails with 85048 "parse ext_json fail".
	let extJson = '{}';
	if (b.ext_json !== undefined) {
		if (typeof b.ext_json !== 'string') return json(wxError(47001, 'ext_json must be a string'));
		extJson = b.ext_json;
		let parsed: unknown;
		try {
			parsed = JSON.parse(extJson);
		} catch {
			return json(wxError(85048));
		}
		if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return json(wxError(85048));
	}
	const userVersion = str(b.user_version) ?? '';
	if (!userVersion || userVersion.length > USER_VERSION_MAX)
		return json(wxError(40097, 'user_version is required, at most 64 characters'));
	const pages = extPages(extJson, template.pages);
	if (!pages) return json(wxError(85045));
	app.commit = {
		templateId: template.template_id,
		extJson,
		userVersion,
		userDesc: str(b.user_desc) ?? '',
		pages,
		committedAt: state.clock.seconds(),
	};
	return json(OK);
};

/** The template's pages; undefined (85045) when ext_json's extPages names a page the code lacks. */
function extPages(extJson: string, pages: string[]): string[] | undefined {
	const ext = JSON.parse(extJson) as { extPages?: unknown };
	if (ext.extPages && typeof ext.extPages === 'object') {
		for (const page of Object.keys(ext.extPages)) if (!pages.includes(page)) return undefined;
	}
	return pages;
}

const getPage: CodeHandler = (_req, app) => {
	if (!app.commit) return json(wxError(86001));
	return json({ ...OK, page_list: app.commit.pages });
};

const getCategory: CodeHandler = () =>
	json({
		...OK,
		category_list: [
			{ first_class: 'Food', second_class: 'Catering', first_id: 220, second_id: 225 },
			{ first_class: 'Tools', second_class: 'Information', first_id: 287, second_id: 615 },
		],
	});

const getQrcode: CodeHandler = (req, app, acc) => {
	if (!app.commit) return json(wxError(86001));
	const path = req.query.path ?? '';
	return {
		status: 200,
		headers: { 'content-type': 'image/png' },
		body: qrLikePng(`${acc.appId} ${app.commit.userVersion} ${app.commit.committedAt} ${path}`),
	};
};

const submitAudit: CodeHandler = (req, app, acc, ctx) => {
	const { state } = ctx;
	if (!app.commit) return json(wxError(85086));
	if (runningAudit(app)) return json(wxError(85009));
	if (app.auditsThisMonth >= AUDIT_LIMIT) return json(wxError(85085));
	const b = jsonObject(req);
	const items = b.item_list === undefined ? [] : b.item_list;
	if (!Array.isArray(items)) return json(wxError(47001, 'item_list must be a list'));
	if (items.length > ITEM_LIST_MAX) return json(wxError(85023));
	const store = wxaOf(state);
	const audit: Audit = {
		auditid: store.nextAuditId++,
		appId: acc.appId,
		status: 2,
		version: { ...app.commit },
		submittedAt: state.clock.seconds(),
		itemList: items,
		released: false,
	};
	app.audits.push(audit);
	app.auditsThisMonth += 1;
	ctx.onAuditSubmitted?.(audit);
	return json({ ...OK, auditid: audit.auditid });
};

function auditJson(a: Audit) {
	return {
		auditid: a.auditid,
		status: a.status,
		reason: a.status === 1 || a.status === 4 ? (a.reason ?? '') : '',
		ScreenShot: a.status === 1 ? (a.screenshot ?? '') : '',
		user_version: a.version.userVersion,
		user_desc: a.version.userDesc,
		submit_audit_time: a.submittedAt,
	};
}

const getAuditStatus: CodeHandler = (req, app) => {
	const id = idOf(jsonObject(req).auditid);
	const audit = app.audits.find((a) => a.auditid === id);
	if (!audit) return json(wxError(85012));
	// This answer names no auditid (the caller gave it); the latest-status answer does.
	const status: Record<string, unknown> = auditJson(audit);
	delete status.auditid;
	return json({ ...OK, ...status });
};

const getLatestAuditStatus: CodeHandler = (_req, app) => {
	const audit = latestAudit(app);
	if (!audit) return json(wxError(85019));
	return json({ ...OK, ...auditJson(audit) });
};

const undoAudit: CodeHandler = (_req, app) => {
	const audit = runningAudit(app);
	if (!audit) return json(wxError(85019));
	audit.status = 3;
	return json(OK);
};

const speedUpAudit: CodeHandler = (req, app) => {
	const id = idOf(jsonObject(req).auditid);
	const audit = app.audits.find((a) => a.auditid === id);
	if (!audit) return json(wxError(85012));
	if (audit.status !== 2 && audit.status !== 4) return json(wxError(85021));
	if (app.speedupsThisMonth >= SPEEDUP_LIMIT) return json(wxError(85085));
	app.speedupsThisMonth += 1;
	return json(OK);
};

function publish(app: MiniProgramCode, audit: Audit, now: number): void {
	if (app.release) app.history.push(app.release);
	const appVersion = (app.release?.appVersion ?? 0) + 1;
	app.release = { version: audit.version, releasedAt: now, appVersion };
	audit.released = true;
}

/**
 * WeChat's release takes the body `{}` exactly; an empty body is 47001. Releasing needs the latest
 * audit approved (85019 none, 85020 not approved) and not yet released (85052).
 */
const release: CodeHandler = (req, app, _acc, { state }) => {
	const body = req.body;
	if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length > 0)
		return json(wxError(47001, 'the body must be {}'));
	const audit = latestAudit(app);
	if (!audit) return json(wxError(85019));
	if (audit.released) return json(wxError(85052));
	if (audit.status !== 0) return json(wxError(85020));
	if (app.gray && app.gray.status === 1) app.gray.status = 3;
	publish(app, audit, state.clock.seconds());
	return json(OK);
};

function versionJson(r: Release) {
	return {
		app_version: r.appVersion,
		user_version: r.version.userVersion,
		user_desc: r.version.userDesc,
		commit_time: r.releasedAt,
	};
}

const revertCodeRelease: CodeHandler = (req, app) => {
	if (req.query.action === 'get_history_version') {
		return json({ ...OK, version_list: app.history.map(versionJson).reverse() });
	}
	if (app.gray?.status === 1) return json(wxError(87011));
	const wanted = req.query.app_version === undefined ? undefined : idOf(req.query.app_version);
	const index =
		wanted === undefined
			? app.history.length - 1
			: app.history.findIndex((r) => r.appVersion === wanted);
	if (index < 0 || !app.release) return json(wxError(87012));
	const [target] = app.history.splice(index);
	app.release = target;
	return json(OK);
};

const grayRelease: CodeHandler = (req, app, _acc, { state }) => {
	const pct = idOf(jsonObject(req).gray_percentage);
	if (!app.release) return json(wxError(85079));
	const audit = latestAudit(app);
	if (!audit || audit.status !== 0 || audit.released) return json(wxError(85080));
	if (pct === undefined || pct < 1 || pct > 100) return json(wxError(85081));
	let gray = app.gray;
	if (gray && gray.status === 1 && gray.audit === audit) {
		if (pct <= gray.gray_percentage) return json(wxError(85082));
		gray.gray_percentage = pct;
	} else {
		gray = { status: 1, gray_percentage: pct, create_timestamp: state.clock.seconds(), audit };
		app.gray = gray;
	}
	if (pct === 100) {
		gray.status = 3;
		publish(app, audit, state.clock.seconds());
	}
	return json(OK);
};

const getGrayReleasePlan: CodeHandler = (_req, app) => {
	const g = app.gray;
	return json({
		...OK,
		gray_release_plan: g
			? {
					status: g.status,
					create_timestamp: g.create_timestamp,
					gray_percentage: g.gray_percentage,
					support_experiencer_first: false,
					support_debuger_first: false,
				}
			: { status: 0, create_timestamp: 0, gray_percentage: 0 },
	});
};

const revertGrayRelease: CodeHandler = (_req, app) => {
	if (!app.gray || app.gray.status !== 1) return json(wxError(85021));
	app.gray.status = 4;
	return json(OK);
};

const getVersionInfo: CodeHandler = (_req, app) => {
	const out: Record<string, unknown> = { ...OK };
	if (app.commit) {
		out.exp_info = {
			exp_time: app.commit.committedAt,
			exp_version: app.commit.userVersion,
			exp_desc: app.commit.userDesc,
		};
	}
	if (app.release) {
		out.release_info = {
			release_time: app.release.releasedAt,
			release_version: app.release.version.userVersion,
			release_desc: app.release.version.userDesc,
		};
	}
	return json(out);
};

const queryQuota: CodeHandler = (_req, app) =>
	json({
		...OK,
		rest: AUDIT_LIMIT - app.auditsThisMonth,
		limit: AUDIT_LIMIT,
		speedup_rest: SPEEDUP_LIMIT - app.speedupsThisMonth,
		speedup_limit: SPEEDUP_LIMIT,
	});

const changeVisitStatus: CodeHandler = (req, app) => {
	const action = jsonObject(req).action;
	if (action !== 'open' && action !== 'close') return json(wxError(85022));
	if (!app.release) return json(wxError(85021));
	app.visitStatus = action;
	return json(OK);
};

export const wxaCode: ApiArea = {
	name: 'mini program code',
	routes: {
		'/wxa/commit': onBehalf(commit),
		'/wxa/get_page': onBehalf(getPage),
		'/wxa/get_category': onBehalf(getCategory),
		'/wxa/get_qrcode': onBehalf(getQrcode),
		'/wxa/submit_audit': onBehalf(submitAudit),
		'/wxa/get_auditstatus': onBehalf(getAuditStatus),
		'/wxa/get_latest_auditstatus': onBehalf(getLatestAuditStatus),
		'/wxa/undocodeaudit': onBehalf(undoAudit),
		'/wxa/speedupaudit': onBehalf(speedUpAudit),
		'/wxa/release': onBehalf(release),
		'/wxa/revertcoderelease': onBehalf(revertCodeRelease),
		'/wxa/grayrelease': onBehalf(grayRelease),
		'/wxa/getgrayreleaseplan': onBehalf(getGrayReleasePlan),
		'/wxa/revertgrayrelease': onBehalf(revertGrayRelease),
		'/wxa/getversioninfo': onBehalf(getVersionInfo),
		'/wxa/queryquota': onBehalf(queryQuota),
		'/wxa/change_visitstatus': onBehalf(changeVisitStatus),
	},
};
