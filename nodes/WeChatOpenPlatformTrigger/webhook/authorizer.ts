import type { IDataObject } from 'n8n-workflow';

import { accountTypeOf } from '../../../core/accountType';
import { text } from '../../../core/text';
const SERVICE_TYPES: Record<string, string> = {
	'0': 'subscription account',
	'1': 'subscription account (upgraded)',
	'2': 'service account',
};

const record = (value: unknown): Record<string, unknown> =>
	value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : {};

/**
 * The public facts about an authorized account, for items and pages. Picks named fields only, so
 * that the refresh token in WeChat's `authorization_info` can never slip through.
 */
export function authorizerSummary(appId: string, info: unknown): IDataObject {
	const outer = record(info);
	const a = record(outer.authorizer_info ?? outer.authorizerInfo ?? outer);
	const serviceType = text(record(a.service_type_info).id) || undefined;
	const verifyType = text(record(a.verify_type_info).id) || undefined;
	const summary: IDataObject = {
		appId,
		nickName: text(a.nick_name),
		userName: text(a.user_name),
		accountType: accountTypeOf(a),
	};
	if (serviceType !== undefined) {
		summary.serviceType = serviceType;
		summary.serviceTypeName = SERVICE_TYPES[serviceType] ?? 'unknown';
	}
	if (verifyType !== undefined) summary.verifyType = verifyType;
	for (const [from, to] of [
		['principal_name', 'principalName'],
		['alias', 'alias'],
		['head_img', 'headImage'],
		['qrcode_url', 'qrCodeUrl'],
	] as const) {
		const value = text(a[from]);
		if (value !== '') summary[to] = value;
	}
	return summary;
}
