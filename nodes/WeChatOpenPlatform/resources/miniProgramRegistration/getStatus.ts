import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { WeChatApiError } from '../../../../core/api/errors';
import { withoutTokens } from '../../../../core/api/redact';
import { toNodeError } from '../../../shared/errors';
import { showFor } from '../../shared/display';
import { defineOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';
import type { OperationContext } from '../../shared/types';
import { requiredText } from '../../shared/required';

const showEnterprise = showFor('miniProgramRegistration', 'getStatus', {
	registrationType: ['enterprise'],
});
const showPersonal = showFor('miniProgramRegistration', 'getStatus', {
	registrationType: ['personal'],
});

/**
 * What an enterprise registration's state codes mean. WeChat answers `action=search` with the
 * state as the errcode (the table on the registration page,
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ent/registerMiniprogram.html);
 * `done` = WeChat will not change it any more.
 */
const ENTERPRISE_STATES: Record<number, { done: boolean; message: string }> = {
	0: { done: true, message: 'Registered' },
	89251: { done: false, message: 'Waiting for the legal person to confirm (face verification)' },
	89252: { done: false, message: 'WeChat is checking the legal person and enterprise information' },
	100001: { done: true, message: 'The legal person did not confirm within 24 hours (ID check)' },
	100002: { done: true, message: 'The legal person did not confirm within 24 hours (face check)' },
	100003: { done: true, message: 'The legal person did not confirm within 24 hours' },
	101: { done: true, message: 'Business registry: the enterprise is deregistered' },
	102: { done: true, message: 'Business registry: no such enterprise, or its data is not updated' },
	103: { done: true, message: "Business registry: the legal person's name does not match" },
	104: { done: true, message: "Business registry: the legal person's ID number does not match" },
	105: {
		done: true,
		message:
			"Business registry: the legal person's ID number is not updated yet (retry in 5–15 working days)",
	},
	1000: {
		done: true,
		message: 'The enterprise information contains characters WeChat does not accept',
	},
	1001: { done: true, message: 'The enterprise has reached its limit of mini programs' },
	1002: { done: true, message: "The enterprise is on WeChat's blacklist" },
	1003: { done: true, message: 'The administrator has reached their limit of bound accounts' },
	1004: { done: true, message: "The administrator is on WeChat's blacklist" },
	1005: {
		done: true,
		message: "The administrator's phone has reached its limit of bound accounts",
	},
	1006: { done: true, message: "The administrator's phone number is on WeChat's blacklist" },
	1007: { done: true, message: "The administrator's ID has reached its limit of accounts" },
	1008: { done: true, message: "The administrator's ID is on WeChat's blacklist" },
};

export const { description, execute } = defineOperation('miniProgramRegistration', 'getStatus', {
	fields: (show) => [
		{
			displayName: 'Registration Type',
			name: 'registrationType',
			type: 'options',
			default: 'enterprise',
			options: [
				{ name: 'Enterprise', value: 'enterprise', description: 'From Register Mini Program' },
				{ name: 'Personal', value: 'personal', description: 'From Register Personal Mini Program' },
			],
			displayOptions: show,
		},
		{
			displayName: 'Enterprise Name',
			name: 'name',
			type: 'string',
			default: '={{ $json.name }}',
			required: true,
			displayOptions: showEnterprise,
		},
		{
			displayName: 'Legal Person WeChat ID',
			name: 'legalPersonaWechat',
			type: 'string',
			default: '={{ $json.legalPersonaWechat }}',
			required: true,
			displayOptions: showEnterprise,
		},
		{
			displayName: 'Legal Person Name',
			name: 'legalPersonaName',
			type: 'string',
			default: '={{ $json.legalPersonaName }}',
			required: true,
			displayOptions: showEnterprise,
		},
		{
			displayName: 'Task ID',
			name: 'taskId',
			type: 'string',
			default: '={{ $json.taskid }}',
			required: true,
			description: 'The taskid that Register Personal Mini Program returned',
			displayOptions: showPersonal,
		},
	],
	async run(context, itemIndex, operationContext) {
		const type = context.getNodeParameter('registrationType', itemIndex, 'enterprise');
		if (type !== 'personal')
			return toItems(await enterpriseStatus(context, itemIndex, operationContext));
		const response = await operationContext.platform.componentRequest<IDataObject>({
			method: 'POST',
			path: '/wxa/component/fastregisterpersonalweapp',
			query: { action: 'query' },
			body: { taskid: requiredText(context, itemIndex, 'taskId', 'Task ID') },
		});
		return toItems({ registrationType: 'personal', ...withoutTokens(response) });
	},
});

async function enterpriseStatus(
	context: IExecuteFunctions,
	itemIndex: number,
	{ platform }: OperationContext,
): Promise<IDataObject> {
	const body = {
		name: requiredText(context, itemIndex, 'name', 'Enterprise Name'),
		legal_persona_wechat: requiredText(
			context,
			itemIndex,
			'legalPersonaWechat',
			'Legal Person WeChat ID',
		),
		legal_persona_name: requiredText(context, itemIndex, 'legalPersonaName', 'Legal Person Name'),
	};
	let status: number;
	let errmsg: string;
	try {
		const response = await platform.componentRequest<{ errcode?: number; errmsg?: string }>({
			method: 'POST',
			path: '/cgi-bin/component/fastregisterweapp',
			query: { action: 'search' },
			body,
		});
		status = response.errcode ?? 0;
		errmsg = response.errmsg ?? '';
	} catch (error) {
		// A state is an answer, not a failure; anything else (89250 no such task, …) is an error.
		if (!(error instanceof WeChatApiError) || ENTERPRISE_STATES[error.errcode] === undefined)
			throw toNodeError(context.getNode(), error, itemIndex);
		status = error.errcode;
		errmsg = error.errmsg;
	}
	const state = ENTERPRISE_STATES[status];
	return {
		registrationType: 'enterprise',
		name: body.name,
		status,
		registered: status === 0,
		done: state?.done ?? true,
		message: state?.message ?? errmsg,
		errmsg,
	};
}
