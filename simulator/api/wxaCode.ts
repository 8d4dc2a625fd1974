/**
 * A mini program's code on behalf (authorizer token as `access_token`): commit a template as the test
 * version, its pages, categories, test QR code and the version info. Request and answer fields as in
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/commit.html
 * and the pages beside it. The audit is in wxaCodeAudit.ts, releasing in wxaCodeRelease.ts.
 */
import { OK, wxError } from '../errors';
import { jsonObject, str, type SimRequest, type SimResponse } from '../http';
import type { Authorizer } from '../model';
import { qrLikePng } from '../png';
import { codeOf, wxaOf, type MiniProgramCode } from '../wxaModel';
import { json, type ApiArea, type ApiContext } from './area';
import { isResponse, miniProgramFor } from './guards';
import { idOf } from './wxaTemplates';

/** WeChat caps user_version at 64 characters. */
const USER_VERSION_MAX = 64;

export type CodeHandler = (
	req: SimRequest,
	app: MiniProgramCode,
	acc: Authorizer,
	ctx: ApiContext,
) => SimResponse;

/** The mini program behind the authorizer token (61007 for others: guards.ts `miniProgramFor`). */
export function codeOnBehalf(handler: CodeHandler) {
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

export const wxaCode: ApiArea = {
	name: 'mini program code',
	routes: {
		'/wxa/commit': codeOnBehalf(commit),
		'/wxa/get_page': codeOnBehalf(getPage),
		'/wxa/get_category': codeOnBehalf(getCategory),
		'/wxa/get_qrcode': codeOnBehalf(getQrcode),
		'/wxa/getversioninfo': codeOnBehalf(getVersionInfo),
	},
};
