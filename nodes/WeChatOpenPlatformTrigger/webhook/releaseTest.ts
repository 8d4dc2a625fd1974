import type { IWebhookResponseData } from 'n8n-workflow';

import { exchangeOnce } from './authorizationEvent';
import { respond } from './http';
import { passiveText } from './passiveReply';
import { errorText, str, type HandlerEnv } from './types';
import type { VerifiedPush } from './verify';

/**
 * WeChat's dedicated accounts for full-network release detection (全网发布接入检测), all five
 * groups: Official Account and mini program, AppID and original id, as WeChat lists them:
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/operation/thirdparty/releases_instructions.html
 */
const TEST_ACCOUNTS: ReadonlyArray<readonly [appId: string, userName: string]> = [
	['wx570bc396a51b8ff8', 'gh_3c884a361561'],
	['wxd101a85aa106f53e', 'gh_8dad206e9538'],
	['wx9252c5e0bb1836fc', 'gh_c0f28a78b318'],
	['wxc39235c15087f6f3', 'gh_905ae9d01059'],
	['wx8e1097c5bc82cde9', 'gh_3f222ed8d140'],
	['wx7720d01d4b2a4500', 'gh_393666f1fdf4'],
	['wx14550af28c71a144', 'gh_26128078e9ab'],
	['wx05d483572dcd5d8b', 'gh_39abb5d4e1b7'],
	['wxa35b9c23cfe664eb', 'gh_2b3713f184a6'],
	['wx5910277cae6fd970', 'gh_7818dcb60240'],
];

const TEST_APP_IDS = new Set(TEST_ACCOUNTS.map(([appId]) => appId));
const TEST_USER_NAMES = new Set(TEST_ACCOUNTS.map(([, userName]) => userName));

export const RELEASE_TEXT = 'TESTCOMPONENT_MSG_TYPE_TEXT';
export const QUERY_AUTH_CODE_PREFIX = 'QUERY_AUTH_CODE:';

/** By the AppID in the URL and/or the account's original id in the message. */
export function isReleaseTestAccount(appId: string, toUserName: string): boolean {
	return TEST_APP_IDS.has(appId) || TEST_USER_NAMES.has(toUserName);
}

/**
 * The API half of the QUERY_AUTH_CODE case, after WeChat already got its empty answer:
 * exchange the code, then send "<code>_from_api" as a customer-service text. Runs detached from
 * the request, so every failure is logged (without tokens) rather than lost.
 */
async function answerThroughApi(env: HandlerEnv, appId: string, code: string, openId: string) {
	const logger = env.context.logger;
	try {
		// The test account's automatic authorization may have pushed this code already; whoever
		// saw it first exchanged it, and the tokens are in the store either way.
		await exchangeOnce(env, code);
		await env.platform.authorizerRequest(appId, {
			method: 'POST',
			path: '/cgi-bin/message/custom/send',
			body: { touser: openId, msgtype: 'text', text: { content: `${code}_from_api` } },
		});
		logger.info(
			`WeChat Open Platform Trigger: answered the release test of ${appId} through the API`,
		);
	} catch (error) {
		logger.error(
			`WeChat Open Platform Trigger: the release test's customer-service answer for ${appId} failed (${errorText(error)})`,
		);
	}
}

/** Background work still running, so that tests (and a graceful shutdown) can wait for it. */
export const pendingReleaseWork = new Set<Promise<void>>();

/**
 * Answers the three automated cases without starting an execution; returns undefined for any
 * other message from a test account, which then goes through the normal path.
 */
export function answerReleaseTest(
	env: HandlerEnv,
	appId: string,
	push: VerifiedPush,
): IWebhookResponseData | undefined {
	const { fields } = push;
	const msgType = str(fields, 'MsgType');
	const content = str(fields, 'Content');
	if (msgType === 'event') {
		return passiveText(env, push, `${str(fields, 'Event')}from_callback`);
	}
	if (msgType !== 'text') return undefined;
	if (content === RELEASE_TEXT) return passiveText(env, push, `${RELEASE_TEXT}_callback`);
	if (content.startsWith(QUERY_AUTH_CODE_PREFIX)) {
		const code = content.slice(QUERY_AUTH_CODE_PREFIX.length);
		const work = answerThroughApi(env, appId, code, str(fields, 'FromUserName'));
		pendingReleaseWork.add(work);
		void work.finally(() => pendingReleaseWork.delete(work));
		// WeChat's script expects an empty answer now and the real one through the API.
		return respond(env.context, 200, '');
	}
	return undefined;
}
