/** WeChat's errcode → errmsg as api.weixin.qq.com answers them (HTTP 200, JSON body). */
const MESSAGES: Record<number, string> = {
	[-1]: 'system error',
	40001: 'invalid credential, access_token is invalid or not latest',
	40003: 'invalid openid',
	40004: 'invalid media type',
	40005: 'invalid file type',
	40006: 'invalid media size',
	40007: 'invalid media_id',
	40008: 'invalid message type',
	40013: 'invalid appid',
	40016: 'invalid button size',
	40029: 'invalid code',
	40030: 'invalid refresh_token',
	40037: 'invalid template_id',
	40066: 'invalid url',
	40097: 'invalid args',
	40125: 'invalid appsecret',
	40163: 'code been used',
	40170: 'args count exceed count limit',
	41001: 'access_token missing',
	41005: 'media data missing',
	41008: 'missing code',
	41009: 'missing openid',
	42001: 'access_token expired',
	42002: 'refresh_token expired',
	43004: 'require subscribe',
	40032: 'invalid openid list size',
	44002: 'empty post data',
	44003: 'empty news data',
	44004: 'empty content',
	45009: 'reach max api daily quota limit',
	45015: 'response out of time limit or subscription is canceled',
	45047: 'out of response count limit',
	46003: 'menu no exist',
	47001: 'data format error',
	48001: 'api unauthorized',
	48006: 'forbid to clear quota because of reaching the limit',
	61003: 'component is not authorized by this account',
	61004: 'access clientip is not registered',
	61005: 'component ticket is expired',
	61006: 'component ticket is invalid',
	61007: 'api is unauthorized to component',
	61009: 'code is invalid',
	61010: 'code is expired',
	61011: 'invalid component',
	61014: 'must use component token for component api',
	61023: 'refresh_token is invalid',
	61024: 'must use api(api_component_token) to get token for component acct',
	85009: 'already submitted, cannot submit again',
	85012: 'invalid audit id',
	85013: 'invalid ext config',
	85014: 'invalid template id',
	85019: 'no audit version',
	85020: 'status not allowed to release',
	85021: 'status not allowed to change',
	85022: 'invalid action',
	85023: 'item list count must be between 1 and 5',
	85048: 'parse ext_json fail',
	85052: 'app is already released',
	85064: 'template or draft not found',
	85065: 'template list is full',
	85079: 'no online version, cannot gray release',
	85080: 'the audit is not approved',
	85081: 'invalid gray percentage',
	85082: 'gray percentage must be higher than the current one',
	85085: 'submit audit reach limit, please try again later',
	85086: 'must commit code before submit audit',
	86000: 'should be called only by third party',
	86001: 'not found committed code of third party',
	87011: 'gray release in progress, cannot revert',
	87012: 'cannot revert: no earlier release',
	87013: 'undo audit reach limit',
	91004: 'invalid nickname',
	91007: 'nickname is already taken',
	91011: 'nickname audit not found',
	53200: 'the signature modify quota of this month is used up',
	53202: 'the head image modify quota of this month is used up',
	53301: 'exceeds the limit of configurable categories',
	53303: 'invalid category params',
	53304: 'category already exists',
	53306: 'only the qualification of a category can be modified',
	53307: 'only a rejected category can be modified',
	76001: 'rid not found',
	76002: 'rid is error',
	76003: 'could not query this rid,no permission',
	76004: 'rid time is error',
	76021: 'cgi_path not found, please check',
	76022: 'could not use this cgi_path,no permission',
	// Mini-program settings (simulator/api/wxaSettings.ts).
	85001: 'user not exist or user cannot be searched',
	85002: 'number of tester reach bind limit',
	85003: 'user already bind too many weapps',
	85004: 'user already bind',
	85016: 'exceed valid domain count',
	85017:
		'no domain to modify after filtered, please confirm the domain has been set in miniprogram or open',
	85301:
		'no domain to modify after filtered, please confirm the domain has been set in miniprogram or open, and follows the rule of domains',
	89019: 'webview domain not change',
	89021: "request domain is not open's webview domain!",
	86004: 'invalid wechat',
	89247: 'inner error',
	89248: 'invalid code type',
	89249: 'task running',
	89250: 'task not found',
	89251: 'legal person checking',
	89253: 'lack of some params',
	89255: 'invalid code',
	100003: 'legal person confirmation timed out',
	1002: 'principal is on the blacklist',
};

let rid = 0;

export interface WeChatErrorBody {
	errcode: number;
	errmsg: string;
}

/**
 * An error body like WeChat's. Real errmsg values end in " rid: …" (a request id); we add one too so
 * that clients do not match errmsg exactly.
 */
export function wxError(errcode: number, detail?: string): WeChatErrorBody {
	rid += 1;
	const base = MESSAGES[errcode] ?? 'error';
	const id = `${Date.now().toString(16)}-${rid.toString(16).padStart(6, '0')}`;
	return { errcode, errmsg: `${base}${detail ? ` (${detail})` : ''} rid: ${id}` };
}

export const OK = { errcode: 0, errmsg: 'ok' } as const;
