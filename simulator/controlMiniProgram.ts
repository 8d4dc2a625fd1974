/**
 * `/__sim/mini-program/…`: what a mini program's front end does at WeChat (wx.login, a
 * getPhoneNumber button, wx.getUserInfo) and what a page's wx.config checks (`/__sim/js-sdk/verify`),
 * for e2e tests and people trying a login or JS-SDK workflow.
 */
import { BadInput, need } from './controlInput';
import { str } from './http';
import { verifyJsSdkSignature } from './jsapiTickets';
import { encryptUserData, issueJsCode, issuePhoneCode } from './miniProgramUsers';
import type { Simulator } from './types';

export const MINI_PROGRAM_CONTROLS: Record<
	string,
	(b: Record<string, unknown>, sim: Simulator) => unknown
> = {
	'/__sim/mini-program/js-code': (b, sim) => ({
		code: issueJsCode(sim.state, need(b, 'authorizerAppId'), need(b, 'openid'), {
			unionid: str(b.unionid),
		}),
	}),
	'/__sim/mini-program/phone-code': (b, sim) => ({
		code: issuePhoneCode(
			sim.state,
			need(b, 'authorizerAppId'),
			need(b, 'phoneNumber'),
			str(b.countryCode),
		),
	}),
	'/__sim/mini-program/user-data': (b, sim) => {
		const data = b.data ?? {};
		if (!data || typeof data !== 'object' || Array.isArray(data))
			throw new BadInput('"data" must be an object');
		return encryptUserData(
			sim.state,
			need(b, 'authorizerAppId'),
			need(b, 'openid'),
			data as Record<string, unknown>,
		);
	},
	'/__sim/js-sdk/verify': (b, sim) => ({
		valid: verifyJsSdkSignature(sim.state, {
			appId: need(b, 'appId'),
			url: need(b, 'url'),
			nonceStr: need(b, 'nonceStr'),
			timestamp: need(b, 'timestamp'),
			signature: need(b, 'signature'),
		}),
	}),
};
