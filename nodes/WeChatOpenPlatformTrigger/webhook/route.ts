import { isAppId } from '../../../core/appId';
import { APPID_PARAM_PREFIX } from '../properties';

export type Route =
	| { kind: 'authorization' }
	| { kind: 'callback'; appId: string; appIdValid: boolean }
	| { kind: 'echo' }
	| { kind: 'authorize' }
	| { kind: 'authorized' }
	| { kind: 'unknown' };

/**
 * The AppID segment of a message URL. Its parameter is named `appid_<webhookId>` (see
 * CALLBACK_PATH); a webhook that n8n registered before that name existed still calls it `appid`.
 */
export function appIdParam(params: object): string | undefined {
	for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
		if ((name === 'appid' || name.startsWith(APPID_PARAM_PREFIX)) && typeof value === 'string')
			return value;
	}
	return undefined;
}

/**
 * Which of the node's webhooks a request came in on. n8n gives every webhook of a node the same
 * name, so the method, the path's last segment and the AppID parameter tell them apart.
 */
export function routeOf(method: string, path: string | undefined, params: object): Route {
	const pathname = (path ?? '').split('?')[0].replace(/\/+$/, '');
	const last = pathname.slice(pathname.lastIndexOf('/') + 1);
	const appId = appIdParam(params);
	const isGet = method.toUpperCase() === 'GET';
	const isPost = method.toUpperCase() === 'POST';

	if (typeof appId === 'string') {
		// The test-mode template (`:appid_…/:callback`) catches any two segments: only …/callback is ours.
		if (last !== 'callback') return { kind: 'unknown' };
		if (isGet) return { kind: 'echo' };
		if (isPost) return { kind: 'callback', appId, appIdValid: isAppId(appId) };
		return { kind: 'unknown' };
	}
	if (last === 'authorization') {
		if (isGet) return { kind: 'echo' };
		if (isPost) return { kind: 'authorization' };
	}
	if (isGet && last === 'authorize') return { kind: 'authorize' };
	if (isGet && last === 'authorized') return { kind: 'authorized' };
	return { kind: 'unknown' };
}
