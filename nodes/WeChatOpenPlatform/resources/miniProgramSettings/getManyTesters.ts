import { accountOperation } from '../../shared/operation';
import { getLimit, returnAllFields } from '../../shared/returnAll';
import { RESOURCE } from './domains';

/** /wxa/memberauth action get_experiencer: one item per tester (WeChat gives only their userstr). */
export const { description, execute } = accountOperation(RESOURCE, 'getManyTesters', {
	fields: () => returnAllFields(RESOURCE, 'getManyTesters'),
	async run(context, itemIndex, { platform, appId }) {
		const limit = getLimit(context, itemIndex);
		const response = await platform.authorizerRequest<{ members?: Array<{ userstr?: string }> }>(
			appId,
			{ method: 'POST', path: '/wxa/memberauth', body: { action: 'get_experiencer' } },
		);
		return (response.members ?? [])
			.slice(0, limit)
			.map((member) => ({ json: { authorizerAppId: appId, userstr: member.userstr ?? '' } }));
	},
});
