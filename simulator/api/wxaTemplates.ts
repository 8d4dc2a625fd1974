/**
 * The platform's code templates: drafts uploaded by the developer tool → templates → deleted. WeChat
 * takes the component token as `access_token` here:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/thirdparty-management/template-management/getTemplateDraftList.html
 */
import { OK, wxError } from '../errors';
import { jsonObject } from '../http';
import { TEMPLATE_LIMIT, wxaOf, type Draft, type Template } from '../wxaModel';
import { json, type ApiArea, type Handler } from './area';
import { requireComponent } from './guards';

/** WeChat's fields only (the pages are the simulator's own record of the code). */
function withoutPages<T extends { pages: string[] }>(record: T): Omit<T, 'pages'> {
	const out: Partial<T> = { ...record };
	delete out.pages;
	return out as Omit<T, 'pages'>;
}
const draftJson = (d: Draft) => withoutPages(d);
const templateJson = (t: Template) => withoutPages(t);

/** A positive integer id given as a number or a numeric string, else undefined. */
export function idOf(v: unknown): number | undefined {
	const n = typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v;
	return typeof n === 'number' && Number.isSafeInteger(n) && n >= 0 ? n : undefined;
}

const getDraftList: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	return json({ ...OK, draft_list: [...wxaOf(state).drafts.values()].map(draftJson) });
};

const addToTemplate: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const b = jsonObject(req);
	const store = wxaOf(state);
	const draft = store.drafts.get(idOf(b.draft_id) ?? -1);
	if (!draft) return json(wxError(85064));
	const type = b.template_type === undefined ? 0 : idOf(b.template_type);
	if (type !== 0 && type !== 1) return json(wxError(40097, 'template_type must be 0 or 1'));
	if (store.templates.size >= TEMPLATE_LIMIT) return json(wxError(85065));
	const id = store.nextTemplateId++;
	store.templates.set(id, {
		user_version: draft.user_version,
		user_desc: draft.user_desc,
		source_miniprogram_appid: draft.source_miniprogram_appid,
		source_miniprogram: draft.source_miniprogram,
		developer: draft.developer,
		pages: draft.pages,
		create_time: state.clock.seconds(),
		template_id: id,
		template_type: type,
	});
	return json(OK);
};

const getTemplateList: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const raw = req.query.template_type;
	const type = raw === undefined || raw === '' ? undefined : idOf(raw);
	if (raw !== undefined && raw !== '' && type !== 0 && type !== 1) return json(wxError(40097));
	const list = [...wxaOf(state).templates.values()].filter(
		(t) => type === undefined || t.template_type === type,
	);
	return json({ ...OK, template_list: list.map(templateJson) });
};

const deleteTemplate: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const id = idOf(jsonObject(req).template_id);
	const templates = wxaOf(state).templates;
	if (id === undefined || !templates.has(id)) return json(wxError(85064));
	templates.delete(id);
	return json(OK);
};

export const wxaTemplates: ApiArea = {
	name: 'code templates',
	routes: {
		'/wxa/gettemplatedraftlist': getDraftList,
		'/wxa/addtotemplate': addToTemplate,
		'/wxa/gettemplatelist': getTemplateList,
		'/wxa/deletetemplate': deleteTemplate,
	},
};
