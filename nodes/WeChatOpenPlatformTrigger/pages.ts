/**
 * The two small HTML pages of the onboarding flow. Everything that comes from WeChat or from the
 * request is escaped; no script runs (n8n may serve webhook HTML in a sandbox anyway).
 */

const ESCAPES: Record<string, string> = {
	'&': '&amp;',
	'<': '&lt;',
	'>': '&gt;',
	'"': '&quot;',
	"'": '&#39;',
};

export function escapeHtml(value: unknown): string {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function page(title: string, body: string): string {
	return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="origin">
<title>${escapeHtml(title)}</title>
<style>
body{font-family:-apple-system,BlinkMacSystemFont,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif;background:#f5f5f5;color:#222;margin:0;padding:24px}
main{max-width:520px;margin:40px auto;background:#fff;border-radius:12px;padding:28px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:22px;margin:0 0 12px}
p{line-height:1.55}
a.button{display:block;text-align:center;background:#07c160;color:#fff;text-decoration:none;padding:14px;border-radius:8px;margin:12px 0;font-size:17px}
a.button.secondary{background:#fff;color:#07c160;border:1px solid #07c160}
.muted{color:#777;font-size:14px}
</style>
</head>
<body><main>
${body}
</main></body>
</html>`;
}

export interface AuthorizePageInput {
	pcUrl: string;
	mobileUrl: string;
	/** True when the visitor's browser looks like a phone: the mobile link is then shown first. */
	mobileFirst: boolean;
	/** The platform's name as merchants know it (trigger option Platform Name); '' = unnamed. */
	platformName?: string;
}

export function authorizePage(input: AuthorizePageInput): string {
	const pc = `<a class="button${input.mobileFirst ? ' secondary' : ''}" href="${escapeHtml(input.pcUrl)}">Authorize on a computer (scan a QR code)</a>`;
	const mobile = `<a class="button${input.mobileFirst ? '' : ' secondary'}" href="${escapeHtml(input.mobileUrl)}">Authorize on this phone (in WeChat)</a>`;
	return page(
		'Connect your WeChat account',
		`<h1>Connect your WeChat account</h1>
<p>Connect your Official Account or mini program to ${
			input.platformName
				? `<b>${escapeHtml(input.platformName)}</b>`
				: 'the platform that sent you this link'
		}. WeChat will ask the account's administrator to confirm, and shows which permissions are granted (授权).</p>
${input.mobileFirst ? mobile + pc : pc + mobile}
<p class="muted">The link is valid for a few minutes. If it has expired, reload this page.</p>`,
	);
}

export interface AuthorizedPageInput {
	nickName?: string;
	appId?: string;
	userName?: string;
}

export function authorizedPage(input: AuthorizedPageInput): string {
	const name = input.nickName ? `<b>${escapeHtml(input.nickName)}</b>` : 'Your account';
	const details = input.appId
		? `<p class="muted">AppID: ${escapeHtml(input.appId)}${
				input.userName ? ` · ${escapeHtml(input.userName)}` : ''
			}</p>`
		: '';
	return page(
		'Authorization complete',
		`<h1>Authorization complete</h1>
<p>${name} is now connected. You can close this page.</p>
${details}`,
	);
}

/** The return page when the workflow, not the trigger, exchanges the code. */
export function receivedPage(): string {
	return page(
		'Authorization received',
		`<h1>Authorization received</h1>
<p>Thank you. WeChat informs the platform of your authorization; you can close this page.</p>`,
	);
}

export function errorPage(title: string, message: string): string {
	return page(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}
