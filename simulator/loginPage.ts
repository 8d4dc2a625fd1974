/**
 * WeChat's authorization page (mp.weixin.qq.com/cgi-bin/componentloginpage and the mobile
 * bindcomponent page), served by the simulator on the same paths. `biz_appid` (or `sim_account`)
 * stands for the merchant who scans and confirms; without it a page lists the accounts to pick from.
 */
import type { SimRequest, SimResponse } from './http';
import type { SimState } from './state';

export const LOGIN_PAGE_PATHS = new Set([
	'/cgi-bin/componentloginpage',
	'/safe/bindcomponent',
	'/wxaopen/safe/bindcomponent',
]);

const escapeHtml = (s: string) =>
	s.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
	);

function page(status: number, title: string, inner: string): SimResponse {
	return {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		body:
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>` +
			`<body style="font-family:system-ui,sans-serif;margin:40px"><h1>${escapeHtml(title)}</h1>${inner}</body></html>`,
	};
}

export function loginPage(
	req: SimRequest,
	st: SimState,
	pushAuthorized: (appId: string, code: string) => void,
): SimResponse {
	const q = req.query;
	if (q.component_appid !== st.component.appId) return page(400, 'Invalid component_appid', '');
	const expiresAt = q.pre_auth_code ? st.preAuthCodes.get(q.pre_auth_code) : undefined;
	if (expiresAt === undefined) return page(400, 'Invalid pre_auth_code', '');
	if (st.clock.now() >= expiresAt)
		return page(400, 'The pre_auth_code has expired', '<p>Open the link again.</p>');
	const redirect = q.redirect_uri;
	if (!redirect || !URL.canParse(redirect)) return page(400, 'Invalid redirect_uri', '');
	const chosen = q.biz_appid || q.sim_account;
	if (chosen) {
		if (!st.authorizers.has(chosen))
			return page(400, 'Unknown account', `<p>${escapeHtml(chosen)}</p>`);
		const code = st.createAuthorizationCode(chosen);
		pushAuthorized(chosen, code);
		const target = new URL(redirect);
		target.searchParams.set('auth_code', code);
		target.searchParams.set('expires_in', '600');
		return { status: 302, headers: { location: target.toString() }, body: '' };
	}
	const items = [...st.authorizers.values()]
		.map((a) => {
			const u = new URL(`http://x${req.path}`);
			for (const [k, v] of Object.entries(q)) u.searchParams.set(k, v);
			u.searchParams.set('sim_account', a.appId);
			const href = `${u.pathname}${u.search}`;
			return `<li><a href="${escapeHtml(href)}">${escapeHtml(a.nickName)} (${escapeHtml(a.appId)})</a></li>`;
		})
		.join('');
	return page(
		200,
		'Authorize the platform',
		`<p>Pick the account that scans the QR code:</p><ul>${items}</ul>`,
	);
}
