import { isAppId } from '../../../core/appId';

export type Route =
	| { kind: 'authorization' }
	| { kind: 'callback'; appId: string; appIdValid: boolean }
	| { kind: 'echo' }
	| { kind: 'authorize' }
	| { kind: 'authorized' }
	| { kind: 'unknown' };

/**
 * Which of the node's webhooks a request came in on. n8n gives every webhook of a node the same
 * name, so the method, the path's last segment and the `:appid` parameter tell them apart.
 */
export function routeOf(method: string, path: string | undefined, params: object): Route {
	const pathname = (path ?? '').split('?')[0].replace(/\/+$/, '');
	const last = pathname.slice(pathname.lastIndexOf('/') + 1);
	const appId = (params as Record<string, unknown>).appid;
	const isGet = method.toUpperCase() === 'GET';
	const isPost = method.toUpperCase() === 'POST';

	if (typeof appId === 'string' && last === 'callback') {
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
