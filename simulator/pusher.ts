/**
 * The push driver: WeChat's side of the two platform URLs. Builds each push from the simulator's
 * state (tickets, authorization codes, users' messages), sends it with the component key and records
 * the outcome. The wire format itself lives in push.ts.
 */
import { AUTH_CODE_TTL_MS, DEFAULT_OPENID } from './model';
import {
	authorizationEventXml,
	buildPush,
	buildXml,
	cryptoFor,
	decodeReply,
	deliver,
	sendRaw,
	ticketXml,
	type PushKeys,
	type PushRequest,
	type PushResult,
} from './push';
import type { Records } from './records';
import type { SimState } from './state';
import type { Simulator } from './types';

/** FromUserName of the events WeChat raises itself (an openid-like id, as in WeChat's samples). */
export const SYSTEM_OPENID = 'oSimWeChatAuditSystem0000001';

export interface PusherOptions {
	/** How long a push waits for the answer before giving up. */
	timeoutMs: number;
	/** The authorization-event URL that api_start_push_ticket and authorizations push to. */
	ticketPushUrl?: string;
}

export class Pusher {
	/** The authorization-event URL that pushTicketSoon/pushAuthorizedSoon use (undefined = none). */
	ticketPushUrl: string | undefined;
	private readonly keys: PushKeys;
	private readonly timeoutMs: number;

	constructor(
		private readonly state: SimState,
		private readonly records: Records,
		o: PusherOptions,
	) {
		const c = state.component;
		this.keys = { appId: c.appId, token: c.token, encodingAESKey: c.encodingAESKey };
		this.timeoutMs = o.timeoutMs;
		this.ticketPushUrl = o.ticketPushUrl;
	}

	private get seconds(): number {
		return this.state.clock.seconds();
	}

	pushTicket(url: string): Promise<PushResult> {
		const ticket = this.state.issueTicket();
		const push = buildPush(this.keys, ticketXml(this.keys.appId, ticket, this.seconds), {
			envelope: { appId: this.keys.appId },
			timestamp: String(this.seconds),
		});
		return this.records.push('ticket', url, deliver(this.keys, url, push, this.timeoutMs));
	}

	pushAuthorizationEvent(...[url, e]: Parameters<Simulator['pushAuthorizationEvent']>) {
		const { state, keys } = this;
		const acc = state.requireAuthorizer(e.authorizerAppId);
		let xml: string;
		if (e.infoType === 'unauthorized') {
			if (acc.authorized) state.unauthorize(acc.appId);
			xml = authorizationEventXml({
				componentAppId: keys.appId,
				infoType: e.infoType,
				authorizerAppId: acc.appId,
				createTime: this.seconds,
			});
		} else {
			const code = e.authorizationCode ?? state.createAuthorizationCode(acc.appId);
			const expiresAt =
				state.authCodes.get(code)?.expiresAt ?? state.clock.now() + AUTH_CODE_TTL_MS;
			xml = authorizationEventXml({
				componentAppId: keys.appId,
				infoType: e.infoType,
				authorizerAppId: acc.appId,
				createTime: this.seconds,
				authorizationCode: code,
				authorizationCodeExpiredTime: Math.floor(expiresAt / 1000),
				preAuthCode: state.createPreAuthCode(),
			});
		}
		return this.pushNotification(url, xml);
	}

	/** Any notification to the authorization-event URL, from its decrypted XML (`InfoType` …). */
	pushNotification(url: string, xml: string): Promise<PushResult> {
		const push = buildPush(this.keys, xml, {
			envelope: { appId: this.keys.appId },
			timestamp: String(this.seconds),
		});
		return this.records.push('authorization', url, deliver(this.keys, url, push, this.timeoutMs));
	}

	pushMessage(url: string, appId: string, fields: Record<string, string>): Promise<PushResult> {
		const push = this.buildMessagePush(appId, fields);
		// Like WeChat, a `$APPID$` placeholder in the message URL becomes the account's AppID.
		const target = url.split('$APPID$').join(appId);
		return this.records.push('message', target, deliver(this.keys, target, push, this.timeoutMs));
	}

	/**
	 * An event WeChat itself raises for an account (e.g. an audit result) to the account's message
	 * URL. Unlike pushMessage it is no user's interaction.
	 */
	pushEvent(url: string, appId: string, fields: Record<string, string>): Promise<PushResult> {
		const acc = this.state.requireAuthorizer(appId);
		const full: Record<string, string> = {
			ToUserName: acc.userName,
			FromUserName: SYSTEM_OPENID,
			CreateTime: String(this.seconds),
			MsgType: 'event',
			...fields,
		};
		const push = buildPush(this.keys, buildXml(full), {
			envelope: { toUserName: acc.userName },
			openid: full.FromUserName,
			timestamp: String(this.seconds),
		});
		const target = url.split('$APPID$').join(appId);
		return this.records.push('message', target, deliver(this.keys, target, push, this.timeoutMs));
	}

	/** A user's message or event as WeChat would push it; counts as the user's interaction. */
	buildMessagePush(appId: string, fields: Record<string, string>): PushRequest {
		const { state } = this;
		const acc = state.requireAuthorizer(appId);
		const full: Record<string, string> = {
			ToUserName: fields.ToUserName ?? acc.userName,
			FromUserName: fields.FromUserName ?? DEFAULT_OPENID,
			CreateTime: fields.CreateTime ?? String(this.seconds),
			MsgType: fields.MsgType ?? 'text',
		};
		Object.assign(full, fields);
		if (full.MsgType !== 'event' && full.MsgId === undefined) full.MsgId = state.nextMsgId();
		state.recordInteraction(
			appId,
			full.FromUserName,
			full.MsgType === 'event' ? full.Event : undefined,
		);
		return buildPush(this.keys, buildXml(full), {
			envelope: { toUserName: acc.userName },
			openid: full.FromUserName,
			timestamp: String(this.seconds),
		});
	}

	sendRaw(...[url, o]: Parameters<Simulator['sendRaw']>): Promise<PushResult> {
		const sent = sendRaw(url, { ...o, timeoutMs: this.timeoutMs }).then((r) => ({
			...r,
			...decodeReply(cryptoFor(this.keys), r.body),
		}));
		return this.records.push('raw', url, sent);
	}

	/** After api_start_push_ticket WeChat answers first and pushes a ticket a moment later. */
	pushTicketSoon(): void {
		const url = this.ticketPushUrl;
		if (url) setImmediate(() => void this.pushTicket(url).catch(() => undefined));
	}

	/** After the merchant confirms, WeChat pushes `authorized` to the authorization-event URL too. */
	pushAuthorizedSoon(appId: string, code: string): void {
		const url = this.ticketPushUrl;
		if (!url) return;
		const e = { infoType: 'authorized', authorizerAppId: appId, authorizationCode: code } as const;
		setImmediate(() => void this.pushAuthorizationEvent(url, e).catch(() => undefined));
	}
}
