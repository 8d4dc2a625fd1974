import { unexpectedAnswerError } from '../api/errors';
import type { ApiRequest, Logger } from '../api/types';
import type { Store } from '../store/types';
import { KEYS, LOCKS, parseRecord, tokenTimes } from './records';
import type { RefreshGate } from './refreshGate';

/** A cached `jsapi_ticket` of one Official Account (`jsapi_ticket:<appid>`). */
export interface JsapiTicketRecord {
	ticket: string;
	expiresAt: number;
	refreshAt: number;
}

export interface JsapiTicketsOptions {
	store: Store;
	gate: RefreshGate;
	/** An on-behalf call with the account's access token (and its retry on a rejected token). */
	authorizerRequest: <T>(appId: string, req: ApiRequest) => Promise<T>;
	marginMs: number;
	logger?: Logger;
}

/**
 * The JS-SDK ticket of each authorized Official Account, cached like its access token: WeChat says
 * it lives 7200 s, its getticket calls are limited per day, and it "must be cached globally"
 * (https://developers.weixin.qq.com/doc/offiaccount/OA_Web_Apps/JS-SDK.html, appendix 1). Refreshed
 * before expiry once across callers and processes (the RefreshGate's lock per account), kept in
 * the store so a restart does not spend quota.
 *
 * WeChat never rejects a jsapi_ticket in a server call (the page's wx.config does, as "invalid
 * signature"), so there is no errcode to invalidate it on: a 40001/42001 of getticket is the
 * access token's and is handled by authorizerRequest; the ticket itself is replaced when due, or
 * on request (`forceRefresh`, compare-and-invalidate so a ticket another caller just fetched stays).
 */
export class JsapiTickets {
	constructor(private readonly o: JsapiTicketsOptions) {}

	async get(appId: string, o: { forceRefresh?: boolean } = {}): Promise<string> {
		if (o.forceRefresh) {
			const current = await this.read(appId);
			if (current) await this.invalidate(appId, current.ticket);
		}
		return this.o.gate.get(
			LOCKS.jsapiTicket(appId),
			() => this.read(appId),
			(record) => (record?.ticket && record.refreshAt > Date.now() ? record.ticket : undefined),
			() => this.refresh(appId),
		);
	}

	async read(appId: string): Promise<JsapiTicketRecord | undefined> {
		const key = KEYS.jsapiTicket(appId);
		return parseRecord<JsapiTicketRecord>(key, await this.o.store.get(key));
	}

	/** Runs with the account's ticket lock held. */
	private async refresh(appId: string): Promise<string> {
		const response = await this.o.authorizerRequest<{ ticket?: string; expires_in?: number }>(
			appId,
			{ method: 'GET', path: '/cgi-bin/ticket/getticket', query: { type: 'jsapi' } },
		);
		if (!response.ticket) throw unexpectedAnswerError(`jsapi_ticket for ${appId}`);
		const record: JsapiTicketRecord = {
			ticket: response.ticket,
			...tokenTimes(response.expires_in, this.o.marginMs),
		};
		await this.o.store.set(
			KEYS.jsapiTicket(appId),
			JSON.stringify(record),
			Math.max(1, record.expiresAt - Date.now()),
		);
		this.o.logger?.info?.(`WeChat jsapi_ticket refreshed for ${appId}`);
		return record.ticket;
	}

	/** Drops the ticket if it is still the stored one. */
	async invalidate(appId: string, used: string): Promise<boolean> {
		const key = KEYS.jsapiTicket(appId);
		const raw = await this.o.store.get(key);
		if (parseRecord<JsapiTicketRecord>(key, raw)?.ticket !== used) return false;
		return this.o.store.compareAndSet(key, raw, undefined);
	}

	async forget(appId: string): Promise<void> {
		await this.o.store.delete(KEYS.jsapiTicket(appId));
	}
}
