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

// Looks like WeChat's own authorization page (green bar, one card) so that a merchant trying the
// onboarding flow locally recognises the step; says plainly that it is the simulator.
const STYLE =
	'body{margin:0;background:#f2f2f2;color:#191919;font:15px/1.5 system-ui,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif}' +
	'header{background:#07c160;color:#fff;padding:14px 24px;font-weight:600}' +
	'header small{font-weight:400;opacity:.85;margin-left:8px}' +
	'main{max-width:480px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 3px rgba(0,0,0,.08)}' +
	'h1{font-size:20px;margin:0 0 12px}' +
	'ul{list-style:none;padding:0;margin:16px 0 0}' +
	'li a{display:block;margin:8px 0;padding:12px 16px;border:1px solid #e5e5e5;border-radius:6px;color:#191919;text-decoration:none}' +
	'li a:hover{border-color:#07c160;background:#f6fff9}' +
	'.id{color:#888;font-size:13px;margin-left:6px}' +
	'footer{max-width:480px;margin:0 auto;color:#888;font-size:12px;text-align:center}';

function page(status: number, title: string, inner: string): SimResponse {
	return {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		body:
			`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>` +
			`<meta name="viewport" content="width=device-width, initial-scale=1"><style>${STYLE}</style></head>` +
			`<body><header>WeChat<small>Authorize a third-party platform (授权第三方平台)</small></header>` +
			`<main><h1>${escapeHtml(title)}</h1>${inner}</main>` +
			`<footer>Local WeChat simulator: no real account is involved.</footer></body></html>`,
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
			return `<li><a href="${escapeHtml(href)}">${escapeHtml(a.nickName)}<span class="id">(${escapeHtml(a.appId)})</span></a></li>`;
		})
		.join('');
	return page(
		200,
		'Authorize the platform',
		`<p>On WeChat the merchant scans a QR code with the administrator's phone. Here, pick the account that confirms:</p><ul>${items}</ul>`,
	);
}
