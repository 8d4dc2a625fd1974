/**
 * Releasing a mini program's approved code on behalf: full or gray release, rollback and the
 * version history, visit status. Request and answer fields as in
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/release.html
 * and the pages beside it.
 */
import { OK, wxError } from '../errors';
import { jsonObject } from '../http';
import { latestAudit, type Audit, type MiniProgramCode, type Release } from '../wxaModel';
import { json, type ApiArea } from './area';
import { codeOnBehalf, type CodeHandler } from './wxaCode';
import { idOf } from './wxaTemplates';

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

const changeVisitStatus: CodeHandler = (req, app) => {
	const action = jsonObject(req).action;
	if (action !== 'open' && action !== 'close') return json(wxError(85022));
	if (!app.release) return json(wxError(85021));
	app.visitStatus = action;
	return json(OK);
};

export const wxaCodeRelease: ApiArea = {
	name: 'mini program code release',
	routes: {
		'/wxa/release': codeOnBehalf(release),
		'/wxa/revertcoderelease': codeOnBehalf(revertCodeRelease),
		'/wxa/grayrelease': codeOnBehalf(grayRelease),
		'/wxa/getgrayreleaseplan': codeOnBehalf(getGrayReleasePlan),
		'/wxa/revertgrayrelease': codeOnBehalf(revertGrayRelease),
		'/wxa/change_visitstatus': codeOnBehalf(changeVisitStatus),
	},
};
