import type { IDisplayOptions, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import type { WeChatPlatform } from '../../../../core/platform';
import { authorizerField, getAuthorizerAppId } from '../../shared/authorizer';

export type Scope = 'component' | 'authorizer';

/** Whose quota or request: the platform's own (component token) or an authorized account's. */
export function scopeFields(displayOptions: IDisplayOptions): INodeProperties[] {
	return [
		{
			displayName: 'For',
			name: 'scope',
			type: 'options',
			default: 'component',
			options: [
				{
					name: 'The Platform',
					value: 'component',
					description: "The third-party platform's own calls (component access token)",
				},
				{
					name: 'An Authorized Account',
					value: 'authorizer',
					description: 'Calls made on behalf of one account (its authorizer access token)',
				},
			],
			displayOptions,
		},
		authorizerField({
			show: { ...displayOptions.show, scope: ['authorizer'] },
		}),
	];
}

export interface Target {
	scope: Scope;
	/** The authorized account's AppID when the scope is `authorizer`. */
	appId?: string;
}

export function scopeOf(context: IExecuteFunctions, itemIndex: number): Target {
	const scope = context.getNodeParameter('scope', itemIndex, 'component') as Scope;
	return scope === 'authorizer'
		? { scope, appId: getAuthorizerAppId(context, itemIndex) }
		: { scope: 'component' };
}

/** A POST with the token of the scope: the platform's (as `access_token`) or the account's. */
export function scopedPost<T>(
	platform: WeChatPlatform,
	target: { appId?: string },
	path: string,
	body: Record<string, unknown>,
): Promise<T> {
	return target.appId
		? platform.authorizerRequest<T>(target.appId, { method: 'POST', path, body })
		: platform.componentRequest<T>({ method: 'POST', path, body, tokenParam: 'access_token' });
}

/** The fields every item of these operations starts with: whose quota or request it was. */
export function scopeJson(target: Target): { scope: Scope; authorizerAppId?: string } {
	return target.appId
		? { scope: target.scope, authorizerAppId: target.appId }
		: { scope: target.scope };
}
