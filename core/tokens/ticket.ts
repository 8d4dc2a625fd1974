import { noTicketError, WeChatPlatformError } from '../api/errors';
import type { Store } from '../store/types';
import { KEYS, parseRecord, type TicketRecord } from './records';

/** A ticket is valid 12 h after WeChat issued it; the last good one is kept that long. */
export const TICKET_TTL_MS = 12 * 60 * 60 * 1000;

/** The component_verify_ticket WeChat pushes every 10 minutes. */
export class Tickets {
	/** The newest ticket this process saw, for a store that lost it. */
	private last?: TicketRecord;

	constructor(private readonly store: Store) {}

	/** Stores a pushed ticket. A push older than the stored one (a late retry) is ignored: returns false. */
	async save(ticket: string, createTime?: number | string): Promise<boolean> {
		if (typeof ticket !== 'string' || ticket.trim() === '')
			throw new WeChatPlatformError(
				'INVALID_TICKET',
				'The component_verify_ticket is empty',
				'a ticket push without a ticket is ignored; WeChat pushes a new one every 10 minutes',
			);
		const pushed = Number(createTime);
		const record: TicketRecord = {
			ticket,
			createTime:
				createTime !== undefined && createTime !== '' && Number.isFinite(pushed)
					? pushed
					: Math.floor(Date.now() / 1000),
			savedAt: Date.now(),
		};
		if (!this.last || this.last.createTime <= record.createTime) this.last = record;
		for (let attempt = 0; attempt < 5; attempt++) {
			const raw = await this.store.get(KEYS.ticket);
			const current = parseRecord<TicketRecord>(KEYS.ticket, raw);
			if (current && current.createTime > record.createTime) return false;
			if (current?.ticket === ticket) return true;
			if (await this.store.compareAndSet(KEYS.ticket, raw, JSON.stringify(record), TICKET_TTL_MS))
				return true;
		}
		await this.store.set(KEYS.ticket, JSON.stringify(record), TICKET_TTL_MS);
		return true;
	}

	async get(): Promise<string> {
		const record = parseRecord<TicketRecord>(KEYS.ticket, await this.store.get(KEYS.ticket));
		if (record?.ticket) {
			this.last = record;
			return record.ticket;
		}
		// A store that lost its keys (Redis restarted without persistence) still has this process's
		// last ticket, valid 12 h: put it back rather than wait up to 10 min for the next push.
		const remembered = this.last;
		if (remembered && remembered.savedAt + TICKET_TTL_MS > Date.now()) {
			await this.store.compareAndSet(
				KEYS.ticket,
				undefined,
				JSON.stringify(remembered),
				remembered.savedAt + TICKET_TTL_MS - Date.now(),
			);
			return remembered.ticket;
		}
		throw noTicketError();
	}

	async has(): Promise<boolean> {
		return (await this.store.get(KEYS.ticket)) !== undefined;
	}
}
