import { NodeOperationError, type IExecuteFunctions } from 'n8n-workflow';

/** The "Redirect URL" of an authorization link, checked so that WeChat is never sent a broken one. */
export function getRedirectUri(context: IExecuteFunctions, itemIndex: number): string {
	const redirectUri = String(context.getNodeParameter('redirectUri', itemIndex, '')).trim();
	if (!/^https?:\/\/\S+$/i.test(redirectUri)) {
		throw new NodeOperationError(context.getNode(), 'Redirect URL must be an http(s) URL', {
			itemIndex,
		});
	}
	return redirectUri;
}
