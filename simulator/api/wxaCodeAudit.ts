/**
 * A mini program's code audit on behalf: submit the test version, its status, undo, speed up, and
 * the monthly quota. Request and answer fields as in
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/submitAudit.html
 * and the pages beside it. The audit's outcome comes from the control API (wxaAudit.ts).
 */
import { OK, wxError } from '../errors';
import { jsonObject, type SimRequest } from '../http';
import {
	AUDIT_LIMIT,
	SPEEDUP_LIMIT,
	latestAudit,
	runningAudit,
	wxaOf,
	type Audit,
	type MiniProgramCode,
} from '../wxaModel';
import { json, type ApiArea } from './area';
import { codeOnBehalf, type CodeHandler } from './wxaCode';
import { idOf } from './wxaTemplates';

/** submit_audit takes at most 5 entries in item_list (85023). */
const ITEM_LIST_MAX = 5;

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

/** The audit the body's auditid names, if this mini program submitted it. */
function auditNamed(req: SimRequest, app: MiniProgramCode): Audit | undefined {
	const id = idOf(jsonObject(req).auditid);
	return app.audits.find((a) => a.auditid === id);
}

const getAuditStatus: CodeHandler = (req, app) => {
	const audit = auditNamed(req, app);
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
	const audit = auditNamed(req, app);
	if (!audit) return json(wxError(85012));
	if (audit.status !== 2 && audit.status !== 4) return json(wxError(85021));
	if (app.speedupsThisMonth >= SPEEDUP_LIMIT) return json(wxError(85085));
	app.speedupsThisMonth += 1;
	return json(OK);
};

const queryQuota: CodeHandler = (_req, app) =>
	json({
		...OK,
		rest: AUDIT_LIMIT - app.auditsThisMonth,
		limit: AUDIT_LIMIT,
		speedup_rest: SPEEDUP_LIMIT - app.speedupsThisMonth,
		speedup_limit: SPEEDUP_LIMIT,
	});

export const wxaCodeAudit: ApiArea = {
	name: 'mini program code audit',
	routes: {
		'/wxa/submit_audit': codeOnBehalf(submitAudit),
		'/wxa/get_auditstatus': codeOnBehalf(getAuditStatus),
		'/wxa/get_latest_auditstatus': codeOnBehalf(getLatestAuditStatus),
		'/wxa/undocodeaudit': codeOnBehalf(undoAudit),
		'/wxa/speedupaudit': codeOnBehalf(speedUpAudit),
		'/wxa/queryquota': codeOnBehalf(queryQuota),
	},
};
