/**
 * Fast registration of mini programs (component token): enterprise
 * (`/cgi-bin/component/fastregisterweapp?action=create|search`), personal
 * (`/wxa/component/fastregisterpersonalweapp?action=create|query`) and trial
 * (`/wxa/component/fastregisterbetaweapp`). Tasks wait in `state.fastRegistrations` until the
 * simulator is told the legal person / user confirmed (fastRegistration.ts). Field names and errcodes
 * follow WeChat's pages linked there.
 */
import { wxError } from '../errors';
import { jsonObject, str, type SimRequest, type SimResponse } from '../http';
import { FAST_REGISTRATION_TTL_MS, type FastRegistrationTask } from '../fastRegistrationState';
import type { SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';
import { requireComponent } from './guards';

/** WeChat IDs: 6–20 letters, digits, `_` or `-`, starting with a letter (or an old `wxid_…`). */
const WECHAT_ID = /^(?:[A-Za-z][A-Za-z0-9_-]{5,19}|wxid_[A-Za-z0-9]{6,30})$/;
/** code_type → length of the enterprise code: 1 unified social credit code, 2 organization code, 3 business licence number. */
const CODE_LENGTH: Record<string, number> = { '1': 18, '2': 10, '3': 15 };

/** The submitted fields as strings (WeChat echoes them in the notification's `info`). */
function fields(req: SimRequest, names: string[]): Record<string, string> {
	const b = jsonObject(req);
	const out: Record<string, string> = {};
	for (const name of names) {
		const value = str(b[name]);
		if (value !== undefined && value !== '') out[name] = value;
	}
	return out;
}

const missing = (f: Record<string, string>, names: string[]) =>
	names.find((n) => f[n] === undefined);

/** Where the user confirms; the simulator's own page stands in for WeChat's. */
function authorizeUrl(req: SimRequest, id: string): string {
	const host = typeof req.headers.host === 'string' ? req.headers.host : '127.0.0.1';
	return `http://${host}/__sim/fast-registration/confirm?id=${id}`;
}

function pendingFor(state: SimState, t: FastRegistrationTask): boolean {
	return t.state === 'pending' && state.clock.now() - t.createdAt < FAST_REGISTRATION_TTL_MS;
}

const ENTERPRISE_FIELDS = [
	'name',
	'code',
	'code_type',
	'legal_persona_wechat',
	'legal_persona_name',
	'component_phone',
];

const enterprise: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const f = fields(req, ENTERPRISE_FIELDS);
	if (req.query.action === 'search') return enterpriseSearch(state, f);
	if (req.query.action !== 'create') return json(wxError(40097, 'action'));
	if (missing(f, ENTERPRISE_FIELDS.slice(0, 5)) !== undefined) return json(wxError(89253));
	const length = CODE_LENGTH[f.code_type];
	if (length === undefined) return json(wxError(89248));
	if (f.code.length !== length) return json(wxError(89255));
	if (!WECHAT_ID.test(f.legal_persona_wechat)) return json(wxError(86004));
	const running = [...state.fastRegistrations.tasks.values()].some(
		(t) => t.kind === 'enterprise' && t.info.code === f.code && pendingFor(state, t),
	);
	if (running) return json(wxError(89249));
	state.fastRegistrations.create('enterprise', f, state.clock.now());
	return json({ errcode: 0, errmsg: 'OK' });
};

/** `action=search`: WeChat answers the task's state as the errcode (0 once registered). */
function enterpriseSearch(state: SimState, f: Record<string, string>): SimResponse {
	const keys = ['name', 'legal_persona_wechat', 'legal_persona_name'];
	if (missing(f, keys) !== undefined) return json(wxError(89253));
	const task = state.fastRegistrations.find(
		'enterprise',
		Object.fromEntries(keys.map((k) => [k, f[k]])),
	);
	if (!task) return json(wxError(89250));
	if (task.state === 'registered') return json({ errcode: 0, errmsg: 'OK' });
	if (task.state === 'failed') return json(wxError(task.status ?? -1, task.msg));
	// Not confirmed within 24 h: WeChat's 100003 (the legal person did not confirm in time).
	return json(wxError(pendingFor(state, task) ? 89251 : 100003));
}

const PERSONAL_FIELDS = ['idname', 'wxuser', 'component_phone'];

const personal: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	if (req.query.action === 'query') {
		const taskid = str(jsonObject(req).taskid);
		const task = taskid ? state.fastRegistrations.tasks.get(taskid) : undefined;
		if (!task || task.kind !== 'personal') return json(wxError(89250));
		return json({
			errcode: 0,
			errmsg: 'ok',
			taskid: task.id,
			// The simulator's model: 0 registered, 1 waiting for the user, else the failure status.
			status: task.state === 'pending' ? 1 : (task.status ?? 0),
			...(task.appId ? { appid: task.appId } : {}),
			...(task.state === 'pending' ? { authorize_url: authorizeUrl(req, task.id) } : {}),
		});
	}
	if (req.query.action !== 'create') return json(wxError(40097, 'action'));
	const f = fields(req, PERSONAL_FIELDS);
	if (missing(f, ['idname', 'wxuser']) !== undefined) return json(wxError(89253));
	if (!WECHAT_ID.test(f.wxuser)) return json(wxError(86004));
	const running = [...state.fastRegistrations.tasks.values()].some(
		(t) => t.kind === 'personal' && t.info.wxuser === f.wxuser && pendingFor(state, t),
	);
	if (running) return json(wxError(89249));
	const task = state.fastRegistrations.create('personal', f, state.clock.now());
	return json({
		errcode: 0,
		errmsg: 'ok',
		taskid: task.id,
		authorize_url: authorizeUrl(req, task.id),
	});
};

const trial: Handler = (req, { state }) => {
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const f = fields(req, ['name', 'openid']);
	const absent = missing(f, ['name', 'openid']);
	if (absent !== undefined) return json(wxError(40097, absent));
	const task = state.fastRegistrations.create('trial', f, state.clock.now());
	return json({
		errcode: 0,
		errmsg: 'ok',
		unique_id: task.id,
		authorize_url: authorizeUrl(req, task.id),
	});
};

export const fastRegistration: ApiArea = {
	name: 'fast registration',
	routes: {
		'/cgi-bin/component/fastregisterweapp': enterprise,
		'/wxa/component/fastregisterpersonalweapp': personal,
		'/wxa/component/fastregisterbetaweapp': trial,
	},
};
