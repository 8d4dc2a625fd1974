import { unexpectedAnswerError, WeChatApiError } from '../api/errors';
import type { WeChatTransport } from '../api/transport';
import type { Logger } from '../api/types';
import type { Store } from '../store/types';
import { KEYS, LOCKS, parseRecord, tokenTimes, type AccessTokenRecord } from './records';
import { usableToken, type RefreshGate } from './refreshGate';
import type { Tickets } from './ticket';

export interface ComponentTokenOptions {
	componentAppId: string;
	componentAppSecret: string;
	store: Store;
	transport: WeChatTransport;
	gate: RefreshGate;
	tickets: Tickets;
	marginMs: number;
	logger?: Logger;
}

/** component_access_token: from the ticket and the AppSecret, refreshed before it expires. */
export class ComponentToken {
	constructor(private readonly o: ComponentTokenOptions) {}

	get(): Promise<string> {
		return this.o.gate.get(
			LOCKS.componentToken,
			() => this.read(),
			usableToken,
			() => this.fetch(),
		);
	}

	private async read(): Promise<AccessTokenRecord | undefined> {
		return parseRecord<AccessTokenRecord>(
			KEYS.componentToken,
			await this.o.store.get(KEYS.componentToken),
		);
	}

	/** Runs with the lock held. */
	private async fetch(): Promise<string> {
		const ticket = await this.o.tickets.get();
		let response: { component_access_token?: string; expires_in?: number };
		try {
			response = await this.o.transport.request({
				method: 'POST',
				path: '/cgi-bin/component/api_component_token',
				body: {
					component_appid: this.o.componentAppId,
					component_appsecret: this.o.componentAppSecret,
					component_verify_ticket: ticket,
				},
			});
		} catch (error) {
			// On this endpoint 40001 means a wrong AppSecret, not a stale token: say so, never loop.
			if (error instanceof WeChatApiError && [40001, 40125, 41004].includes(error.errcode)) {
				throw new WeChatApiError({
					errcode: error.errcode,
					errmsg: error.errmsg,
					endpoint: error.endpoint,
					hint: 'the component AppSecret (or AppID) is wrong: copy them again from Open Platform → Third-party Platform → Details',
				});
			}
			throw error;
		}
		if (!response.component_access_token) throw unexpectedAnswerError('component_access_token');
		const record: AccessTokenRecord = {
			accessToken: response.component_access_token,
			...tokenTimes(response.expires_in, this.o.marginMs),
		};
		await this.o.store.set(
			KEYS.componentToken,
			JSON.stringify(record),
			Math.max(1, record.expiresAt - Date.now()),
		);
		this.o.logger?.info?.(`WeChat component access token refreshed for ${this.o.componentAppId}`);
		return record.accessToken;
	}

	/** Drops the token WeChat rejected, only if it is still the stored one. */
	async invalidate(used: string): Promise<boolean> {
		const raw = await this.o.store.get(KEYS.componentToken);
		const record = parseRecord<AccessTokenRecord>(KEYS.componentToken, raw);
		if (record?.accessToken !== used) return false;
		return this.o.store.compareAndSet(KEYS.componentToken, raw, undefined);
	}
}
