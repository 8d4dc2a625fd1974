/**
 * Mini-program login and phone numbers on behalf of an authorized mini program:
 * `/sns/component/jscode2session` (component token; https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/login/thirdpartyCode2Session.html)
 * and `/wxa/business/getuserphonenumber` (the mini program's token;
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/user-info/phone-number/getPhoneNumber.html).
 */
import { wxError } from '../errors';
import { jsonObject } from '../http';
import { miniProgramUsers, takeCode } from '../miniProgramUsers';
import { json, type ApiArea, type Handler } from './area';
import {
	authorizedAccount,
	authorizerFor,
	checkComponentAppId,
	isResponse,
	requireComponent,
} from './guards';

const jscode2session: Handler = (req, { state }) => {
	const q = req.query;
	const wrongComponent = checkComponentAppId(q.component_appid, state);
	if (wrongComponent) return wrongComponent;
	const denied = requireComponent(req, state);
	if (denied) return denied;
	const acc = authorizedAccount(q.appid, state);
	if (isResponse(acc)) return acc;
	if (q.grant_type !== 'authorization_code') return json(wxError(40097, 'grant_type'));
	if (!q.js_code) return json(wxError(41008, 'js_code'));
	const users = miniProgramUsers(state);
	const code = takeCode(state, users.jsCodes, q.js_code, acc.appId);
	if (typeof code === 'number') return json(wxError(code));
	return json({
		openid: code.openid,
		session_key: users.sessionKeys.get(`${acc.appId}:${code.openid}`),
		...(code.unionid ? { unionid: code.unionid } : {}),
	});
};

const getUserPhoneNumber: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const b = jsonObject(req);
	if (typeof b.code !== 'string' || b.code === '') return json(wxError(41008, 'code'));
	const code = takeCode(state, miniProgramUsers(state).phoneCodes, b.code, acc.appId);
	if (typeof code === 'number') return json(wxError(code));
	return json({
		errcode: 0,
		errmsg: 'ok',
		phone_info: {
			// WeChat: phoneNumber carries the country code for numbers outside mainland China.
			phoneNumber:
				code.countryCode === '86' ? code.phoneNumber : `+${code.countryCode}${code.phoneNumber}`,
			purePhoneNumber: code.phoneNumber,
			countryCode: code.countryCode,
			watermark: { timestamp: state.clock.seconds(), appid: acc.appId },
		},
	});
};

export const miniProgramUsersArea: ApiArea = {
	name: 'mini-program users',
	routes: {
		'/sns/component/jscode2session': jscode2session,
		'/wxa/business/getuserphonenumber': getUserPhoneNumber,
	},
};
