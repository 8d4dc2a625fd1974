/**
 * What the simulator saw: API requests (with per-path counts) and pushes, kept for assertions and the
 * control API, and announced on `events` as they happen.
 */
import { EventEmitter } from 'node:events';
import type { SimRequest } from './http';
import type { SentMessage } from './model';
import type { PushResult } from './push';
import type { PushEvent, PushKind, RecordedRequest } from './types';

/** Recorded requests kept (oldest dropped first); counts are kept for every request. */
const MAX_RECORDED = 10_000;
/** Pushes kept (oldest dropped first). */
const MAX_PUSHES = 100;

export class Records {
	readonly events = new EventEmitter();
	readonly requests: RecordedRequest[] = [];
	readonly pushes: PushEvent[] = [];
	private readonly perPath = new Map<string, number>();

	/** @param sentMessages the state's list, emptied by clear() with the rest. */
	constructor(private readonly sentMessages: SentMessage[]) {}

	request(req: SimRequest, at: number): void {
		const record: RecordedRequest = {
			method: req.method,
			path: req.path,
			query: req.query,
			body: req.body,
			at,
		};
		this.requests.push(record);
		if (this.requests.length > MAX_RECORDED)
			this.requests.splice(0, this.requests.length - MAX_RECORDED);
		this.perPath.set(req.path, (this.perPath.get(req.path) ?? 0) + 1);
		this.events.emit('request', record);
	}

	sent(m: SentMessage): void {
		this.events.emit('sent', m);
	}

	/** Logs a push's outcome (result or error) once it settles; the promise is passed through. */
	push(kind: PushKind, url: string, p: Promise<PushResult>): Promise<PushResult> {
		return p.then(
			(result) => {
				this.logPush({ kind, url, result });
				return result;
			},
			(err: unknown) => {
				this.logPush({ kind, url, error: String(err) });
				throw err;
			},
		);
	}

	count(path: string): number {
		return this.perPath.get(path) ?? 0;
	}

	counts(): Record<string, number> {
		return Object.fromEntries(this.perPath);
	}

	/** Forgets requests, counts, sent messages and pushes. */
	clear(): void {
		this.requests.length = 0;
		this.perPath.clear();
		this.sentMessages.length = 0;
		this.pushes.length = 0;
	}

	private logPush(e: PushEvent): void {
		this.pushes.push(e);
		if (this.pushes.length > MAX_PUSHES) this.pushes.shift();
		this.events.emit('push', e);
	}
}
