/**
 * Fast registration (快速注册) of mini programs: the tasks WeChat keeps between a platform's request
 * and the legal person's / user's confirmation, and the result notification WeChat then pushes to the
 * authorization-event URL. The API side is api/fastRegistration.ts; `completeFastRegistration` plays
 * the confirmation (control API `/__sim/fast-registration/complete`).
 *
 * WeChat's documentation:
 * - enterprise: https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ent/registerMiniprogram.html
 * - personal: https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/register-management/fast-registration-ind/fastRegisterPersonalMp.html
 * - trial: https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/beta_Mini_Programs/fastregister.html
 */
import { randomAppId } from './keys';
import { cdata } from './push';
import { FAST_REGISTRATION_INFO_TYPE, type FastRegistrationTask } from './fastRegistrationState';
import type { SimState } from './state';

export interface CompleteOptions {
	/** Default true: the legal person / user confirmed and WeChat created the mini program. */
	approve?: boolean;
	/** Failure status for a rejected registration (default 1002: principal on the blacklist). */
	status?: number;
	msg?: string;
}

/**
 * The legal person / user confirms (or WeChat rejects): on approval a new mini program exists,
 * authorized to the platform with an authorization code for `api_query_auth` (enterprise and
 * personal; a trial mini program is authorized without one). Returns the notification's XML.
 */
export function completeFastRegistration(
	state: SimState,
	taskId: string,
	o: CompleteOptions = {},
): { task: FastRegistrationTask; xml: string } {
	const task = state.fastRegistrations.tasks.get(taskId);
	if (!task) throw new Error(`no fast registration ${taskId}`);
	if (task.state !== 'pending')
		throw new Error(`fast registration ${taskId} is already ${task.state}`);
	let authCode: string | undefined;
	if (o.approve === false) {
		const status = o.status ?? 1002;
		if (!Number.isInteger(status) || status === 0)
			throw new Error('"status" of a rejected registration must be a non-zero integer');
		task.state = 'failed';
		task.status = status;
		task.msg = o.msg ?? 'registration rejected';
	} else {
		const appId = randomAppId();
		state.addAuthorizer({
			appId,
			userName: `gh_${appId.slice(-12)}`,
			nickName: task.info.name ?? `${task.info.idname ?? 'Personal'} mini program`,
			serviceTypeId: 0,
			principalName: task.kind === 'enterprise' ? task.info.name : 'personal',
			miniProgram: true,
			funcInfo: [17, 18, 19, 25, 30, 31, 36, 37, 40, 48, 49, 51, 52, 57, 65, 67, 70, 71, 73, 76],
		});
		authCode = state.createAuthorizationCode(appId);
		task.state = 'registered';
		task.status = 0;
		task.msg = 'OK';
		task.appId = appId;
	}
	return { task, xml: notificationXml(state, task, task.kind === 'trial' ? undefined : authCode) };
}

/** The decrypted notification, nested `info` and lower-case names as in WeChat's examples. */
function notificationXml(
	state: SimState,
	task: FastRegistrationTask,
	authCode: string | undefined,
): string {
	const info = Object.entries(
		task.kind === 'trial' ? { unique_id: task.id, name: task.info.name ?? '' } : task.info,
	)
		.map(([k, v]) => `<${k}>${k === 'code_type' ? v : cdata(v)}</${k}>`)
		.join('\n');
	const lines = [
		`<AppId>${cdata(state.component.appId)}</AppId>`,
		`<CreateTime>${state.clock.seconds()}</CreateTime>`,
		`<InfoType>${cdata(FAST_REGISTRATION_INFO_TYPE[task.kind])}</InfoType>`,
		`<appid>${cdata(task.appId ?? '')}</appid>`,
		`<status>${task.status ?? 0}</status>`,
	];
	if (authCode !== undefined) lines.push(`<auth_code>${cdata(authCode)}</auth_code>`);
	lines.push(`<msg>${cdata(task.msg ?? '')}</msg>`, `<info>\n${info}\n</info>`);
	return `<xml>${lines.join('\n')}\n</xml>`;
}
