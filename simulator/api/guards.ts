/**
 * Checks shared by the API areas: whose token a request carries and whether the account it names is
 * authorized. Each returns the account, or undefined when the check passes, or WeChat's error answer.
 */
import { isAppId } from '../../core/appId';
import { wxError } from '../errors';
import type { SimRequest, SimResponse } from '../http';
import type { Authorizer } from '../model';
import type { SimState } from '../state';
import { json } from './area';

/** Tells a looked-up account from the WeChat error answer returned in its place. */
export const isResponse = (v: Authorizer | SimResponse): v is SimResponse => !('userName' in v);

/** Component APIs take the platform token as `component_access_token` or `access_token`. */
export function componentToken(req: SimRequest): string | undefined {
	return req.query.component_access_token ?? req.query.access_token;
}

export function requireComponent(req: SimRequest, state: SimState): SimResponse | undefined {
	const { errcode } = state.checkToken(componentToken(req), 'component');
	return errcode ? json(wxError(errcode)) : undefined;
}

/** 40013 for something that is not an AppID, 61011 for another platform's. */
export function checkComponentAppId(value: unknown, state: SimState): SimResponse | undefined {
	if (typeof value !== 'string' || !isAppId(value)) return json(wxError(40013));
	if (value !== state.component.appId) return json(wxError(61011));
	return undefined;
}

/** The authorized account `appId` names: 40013 when missing, 61003 when not (or no longer) authorized. */
export function authorizedAccount(appId: unknown, state: SimState): Authorizer | SimResponse {
	if (typeof appId !== 'string' || appId === '') return json(wxError(40013));
	const acc = state.authorizers.get(appId);
	if (!acc || !acc.authorized) return json(wxError(61003));
	return acc;
}

/** The account behind `access_token` (an authorizer token), or WeChat's error answer. */
export function authorizerFor(req: SimRequest, state: SimState): Authorizer | SimResponse {
	const { errcode, issued } = state.checkToken(req.query.access_token, 'authorizer');
	if (errcode || !issued) return json(wxError(errcode));
	return state.requireAuthorizer(issued.appId);
}

/** The token check of a route added with `addRoute`. */
export function checkRouteToken(
	req: SimRequest,
	state: SimState,
	kind: 'authorizer' | 'component' | 'none',
): SimResponse | undefined {
	if (kind === 'none') return undefined;
	const token = kind === 'component' ? componentToken(req) : req.query.access_token;
	const { errcode } = state.checkToken(token, kind);
	return errcode ? json(wxError(errcode)) : undefined;
}

/** Permission set "mini program development management" (funcscope category 18). */
export const MINI_PROGRAM_MANAGEMENT_SCOPE = 18;

/**
 * The mini program behind the authorizer token. An Official Account, or a mini program that did not
 * grant the development-management permission set, gets 61007 (the API is not authorized to the platform).
 */
export function miniProgramFor(req: SimRequest, state: SimState): Authorizer | SimResponse {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	if (!acc.miniProgram || !acc.funcInfo.includes(MINI_PROGRAM_MANAGEMENT_SCOPE))
		return json(wxError(61007));
	return acc;
}
