/**
 * Plain-words advice for the errcodes an operator actually meets. Kept apart from the error
 * class so that the node layer can show a hint for a code without having an error at hand.
 */
/** WeChat has no component_verify_ticket for us yet (61005, 61006, and our own NO_TICKET). */
export const NO_TICKET_HINT =
	'WeChat pushes a component_verify_ticket every 10 minutes to the authorization-event URL. Activate the workflow with the WeChat Open Platform Trigger (its authorization URL must be the one configured in Open Platform), or run Authorization → Start Ticket Push, then try again';

/** The calling IP is not whitelisted (40164 on the component API, 61004 on older endpoints). */
const IP_WHITELIST_HINT =
	"add this n8n's egress IP to the platform's IP whitelist (Open Platform → Third-party Platform → Development settings)";

const HINTS: Record<number, string> = {
	[-1]: 'WeChat is busy; the request was retried with backoff and still failed. Try again in a moment',
	40001:
		'the access token is invalid or no longer the latest (another process or system refreshed it). It was refreshed and retried once; if this persists, check that nothing else refreshes tokens for this platform with the same AppID, and that the AppSecret is right',
	40003:
		'invalid OpenID: the user does not belong to this Official Account (OpenIDs differ per account)',
	40013:
		'invalid AppID: check the AppID (component AppID in the credential, or the authorizer AppID)',
	40014: 'the access token is invalid; it was refreshed and retried once',
	40125:
		'invalid AppSecret: copy the component AppSecret again from Open Platform → Third-party Platform → Details',
	40164: IP_WHITELIST_HINT,
	41004: 'the component AppSecret is missing',
	42001: 'the access token expired; it was refreshed and retried once',
	42007:
		'the authorization is no longer valid (the account password or authorization changed): the merchant must authorize again',
	45009:
		'the daily API quota is used up; it resets at midnight (Beijing time), or use Clear Quota (10 resets per month)',
	45011: 'too many calls this minute; wait at least one minute before trying again',
	45015:
		'outside the 48-hour customer-service window: the user has not interacted with the account in the last 48 hours (or unsubscribed)',
	45047:
		'too many customer-service messages without a reply from the user; wait until the user interacts again',
	48001:
		'the account has not granted the permission set this API needs (or the account type does not have this API)',
	48006: 'the monthly quota-reset budget (10 per month) is used up',
	61003: 'this account has not authorized the platform (or has revoked the authorization)',
	61004: IP_WHITELIST_HINT,
	61005: NO_TICKET_HINT,
	61006: NO_TICKET_HINT,
	61007:
		'the merchant did not grant the permission set this API needs; ask them to authorize again with it selected',
	61011: 'invalid component: check the component AppID',
	61014: 'this endpoint needs the component access token, not an authorizer token',
	61023:
		'authorization lost: the stored refresh token is no longer valid and could not be recovered; the merchant must authorize again',
	61024: 'component accounts must get their token with api_component_token, not /cgi-bin/token',
	40170: 'count too large: at most 500 per page',
	76001:
		'WeChat has no call with this rid for this token: look it up with the token that made the call (the platform, or the account the call was made for); rids are kept for 7 days',
	76002: 'this is not a WeChat rid: paste the part after "rid:" of the error message',
	76003:
		'this rid belongs to another caller: choose the account the failed call was made for (or the platform for its own calls)',
	76004: 'this rid is too old: WeChat keeps request IDs for 7 days',
	76021:
		'WeChat does not know this API path: use the path as documented, e.g. /cgi-bin/message/custom/send',
	76022: 'this API has no quota that can be queried',
	// Uploads and mini-program settings.
	40005:
		"WeChat refused the file type: it goes by the file name's extension, so give the binary a file name with the right one (e.g. .png, .jpg, .mp4)",
	40006: 'the file is larger than WeChat accepts for this kind of media',
	41005: 'no file arrived: send the file in the multipart field "media"',
	85001:
		'no WeChat user has this WeChat ID, or the user does not allow being found by it: check the ID (not an OpenID) with the user',
	85002: 'the mini program has as many testers as WeChat allows: remove one first',
	85003: 'this WeChat user is a tester of too many mini programs already',
	85004: 'this WeChat user is already a tester of the mini program',
	85016: 'too many domains of one kind (WeChat allows 200 per kind)',
	85017:
		'nothing to change: the domains are already set, or are not registered as mini-program server domains of the platform (Open Platform → Third-party Platform → Development settings)',
	85301:
		'no domain was accepted: each must use the scheme of its kind (https://, wss://, udp://, tcp://), be a registered domain (no IP, no path) and be registered as a mini-program server domain of the platform; the answer lists the refused ones in invalid_*',
	89019: 'nothing to change: the web-view domains are already set this way',
	89021:
		"the web-view domain is not one of the platform's registered mini-program web-view domains (or a subdomain of one), or lacks https://",
	// Fast registration of mini programs (registerMiniprogram.html, fastRegisterPersonalMp.html under
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/).
	86004:
		'invalid WeChat ID: use the WeChat ID (微信号) set in WeChat → Me, not the nickname or phone number',
	61070:
		"the legal person's name does not match the WeChat ID: the WeChat account must be the legal person's own, verified with their real name",
	89247: 'WeChat had an internal error registering the mini program; try again later',
	89248:
		'invalid enterprise code type: 1 unified social credit code, 2 organization code, 3 business licence number',
	89249:
		'a registration for this enterprise (or person) is already running; WeChat allows a new one 24 hours after the last',
	89250:
		'WeChat has no such registration: check the enterprise name, legal person WeChat ID and name (or the task ID)',
	89251: 'waiting for the legal person to confirm in WeChat (face verification)',
	89253: 'a required field is missing',
	89254:
		'the platform lacks permission sets this needs: add them in Open Platform, then publish the platform to all accounts',
	89255:
		'invalid enterprise code: its length must match the code type (unified social credit code: 18 characters, organization code: xxxxxxxx-x, business licence number: 15 digits)',
	40029:
		'the code is invalid or expired: codes from wx.login, a getPhoneNumber button or an OAuth redirect live 5 minutes and belong to one account; get a new one',
	40163:
		'the code was already used: each code works once; get a new one (e.g. call wx.login again)',
	91004: 'the nickname is not valid: check its length and characters (no special symbols)',
	91007:
		'this nickname is already used by another account: choose another, or prove your right to it with a trademark (Other Material Media IDs)',
	91011:
		'no nickname audit with this audit_id for this mini program: use the audit_id Set Nickname returned',
	53200: "the introduction can be changed 5 times a month; this month's changes are used up",
	53202: "the avatar can be changed 5 times a month; this month's changes are used up",
	53301: 'the mini program has as many categories as it may have: delete one first',
	53303:
		'the category is not valid: take the first- and second-level IDs from Get All Categories (the second must belong to the first)',
	53304: 'the mini program already has this category',
	53307: 'only a rejected category can be modified; wait for its audit to finish',
	40226:
		'WeChat blocked this login: the user is flagged as high risk (https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-login/code2Session.html)',
	// Mini-program code management (commit → audit → release):
	// https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/submitAudit.html
	85009:
		'a version of this mini program is already in audit: wait for the result (weapp_audit_* on the message URL), or Withdraw Audit first',
	85012: 'invalid audit ID: use the auditid that Submit for Audit returned for this mini program',
	85013: 'invalid ext_json settings: check the Ext JSON of Commit',
	85014: 'invalid template ID: Code Template → Get Many Templates lists the ones that exist',
	85019:
		'no audit for this mini program yet: Commit, then Submit for Audit, and release once it is approved',
	85020:
		'the latest audit is not approved (still in audit, rejected or withdrawn): wait for weapp_audit_success before Release',
	85021: 'the mini program is not in a state that allows this change now',
	85022: 'invalid action value',
	85023: 'Submit for Audit takes 1 to 5 pages in its items',
	85045: 'ext_json names a page (extPages, tabBar) that the template does not have',
	85048:
		'ext_json could not be parsed: it must be a JSON object (Commit sends an object as the string WeChat expects)',
	85052: 'this approved version is already released',
	85064: 'no such draft or template: Get Many Drafts / Get Many Templates list the ones that exist',
	85065: 'the code template library is full: delete templates you no longer use',
	85079: 'the mini program has no released version yet: a gray release needs one; use Release',
	85080: 'the latest audit is not approved, so there is nothing to gray release',
	85081: 'the gray percentage must be a whole number from 1 to 100',
	85082: 'a running gray release can only grow: give a higher percentage than the current one',
	85085:
		'the audit quota of this month is used up (Get Audit Quota shows what is left); wait for next month',
	85086: 'nothing committed yet: run Mini Program Code → Commit before Submit for Audit',
	86000:
		'this mini program is not developed by a third-party platform: the call must be made on behalf of a mini program the platform develops',
	86001: 'no code committed by the platform for this mini program yet: run Commit first',
	87011: 'a gray release is running: revert or finish it before rolling back',
	87012: 'there is no earlier release to roll back to (or that version cannot be restored)',
	87013: 'withdrawals are limited (once a day, 10 a month); wait before withdrawing again',
};

export function hintFor(errcode: number): string | undefined {
	return HINTS[errcode];
}

/** Codes that mean "this token is not (or no longer) valid": refresh once and retry once. */
export const TOKEN_ERROR_CODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);
