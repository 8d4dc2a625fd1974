/**
 * WeChat's full-network release detection (全网发布接入检测), played against a platform's two URLs with
 * release-test Official Account group 1, step by step as WeChat describes it:
 * https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/operation/thirdparty/releases_instructions.html
 */
import type { SentMessage } from './model';
import type { ReleaseReport, ReleaseStep, Simulator } from './types';

/** What the release test uses of a simulator. */
export type ReleaseDriver = Pick<
	Simulator,
	| 'state'
	| 'addAuthorizer'
	| 'createAuthorizationCode'
	| 'pushTicket'
	| 'pushAuthorizationEvent'
	| 'pushMessage'
	| 'sentMessages'
	| 'events'
>;

export const RELEASE_TEST_ACCOUNT = {
	appId: 'wx570bc396a51b8ff8',
	userName: 'gh_3c884a361561',
	nickName: 'Release Test Account',
};
/** The fan that WeChat's test account forwards messages from. */
export const RELEASE_TEST_OPENID = 'ozy4qt1eDxSxzCr0aNT0mXCWfrDE';

function waitForSent(
	sim: ReleaseDriver,
	match: (m: SentMessage) => boolean,
	timeoutMs: number,
): Promise<SentMessage | undefined> {
	const already = sim.sentMessages.find(match);
	if (already) return Promise.resolve(already);
	return new Promise((resolve) => {
		const onSent = (m: SentMessage) => {
			if (!match(m)) return;
			clearTimeout(timer);
			sim.events.off('sent', onSent);
			resolve(m);
		};
		const timer = setTimeout(() => {
			sim.events.off('sent', onSent);
			resolve(undefined);
		}, timeoutMs);
		sim.events.on('sent', onSent);
	});
}

export async function runReleaseTest(
	sim: ReleaseDriver,
	o: { authorizationUrl: string; messageUrl: string; apiReplyTimeoutMs?: number },
): Promise<ReleaseReport> {
	const steps: ReleaseStep[] = [];
	const step = (name: string, ok: boolean, detail: string) => steps.push({ name, ok, detail });
	const acc = RELEASE_TEST_ACCOUNT;
	if (!sim.state.authorizers.has(acc.appId)) sim.addAuthorizer(acc);
	const from = { FromUserName: RELEASE_TEST_OPENID };

	const ticket = await sim.pushTicket(o.authorizationUrl);
	step(
		'ticket received',
		ticket.status === 200 && ticket.body === 'success',
		`HTTP ${ticket.status} "${ticket.body.slice(0, 40)}"`,
	);

	const auth = await sim.pushAuthorizationEvent(o.authorizationUrl, {
		infoType: 'authorized',
		authorizerAppId: acc.appId,
	});
	step(
		'authorization event',
		auth.status === 200 && auth.body === 'success',
		`HTTP ${auth.status} "${auth.body.slice(0, 40)}"`,
	);

	const text = await sim.pushMessage(o.messageUrl, acc.appId, {
		...from,
		MsgType: 'text',
		Content: 'TESTCOMPONENT_MSG_TYPE_TEXT',
	});
	const textContent = text.reply?.fields.Content;
	step(
		'passive text reply',
		text.reply?.signatureValid === true && textContent === 'TESTCOMPONENT_MSG_TYPE_TEXT_callback',
		text.reply
			? `replied "${String(textContent)}"`
			: `HTTP ${text.status} "${text.body.slice(0, 40)}"${text.timedOut ? ' (timed out)' : ''}`,
	);

	const event = await sim.pushMessage(o.messageUrl, acc.appId, {
		...from,
		MsgType: 'event',
		Event: 'LOCATION',
		Latitude: '23.137466',
		Longitude: '113.352425',
		Precision: '119.385040',
	});
	const eventContent = event.reply?.fields.Content;
	step(
		'event reply',
		event.reply?.signatureValid === true && eventContent === 'LOCATIONfrom_callback',
		event.reply
			? `replied "${String(eventContent)}"`
			: `HTTP ${event.status} "${event.body.slice(0, 40)}"`,
	);

	const code = sim.createAuthorizationCode(acc.appId);
	const api = await sim.pushMessage(o.messageUrl, acc.appId, {
		...from,
		MsgType: 'text',
		Content: `QUERY_AUTH_CODE:${code}`,
	});
	step(
		'empty answer to QUERY_AUTH_CODE',
		api.status === 200 && (api.body === '' || api.body === 'success'),
		`HTTP ${api.status} "${api.body.slice(0, 40)}"`,
	);
	const sent = await waitForSent(
		sim,
		(m) =>
			m.authorizerAppId === acc.appId &&
			m.kind === 'custom' &&
			m.body?.touser === RELEASE_TEST_OPENID &&
			m.body?.text?.content === `${code}_from_api`,
		o.apiReplyTimeoutMs ?? 10_000,
	);
	step(
		'customer-service reply "<code>_from_api"',
		sent !== undefined,
		sent ? 'sent' : 'no matching customer-service message',
	);

	return { passed: steps.every((s) => s.ok), steps };
}
