/**
 * The simulator's clock: real time plus an offset that tests move forward, so expiry (tokens, tickets,
 * codes, the 48-hour customer-service window) can be reached without waiting, while two pushes a
 * second apart still get different CreateTime values.
 */
export class SimClock {
	private offsetMs = 0;

	now(): number {
		return Date.now() + this.offsetMs;
	}

	advance(ms: number): void {
		if (!Number.isFinite(ms) || ms < 0)
			throw new Error('clock.advance(ms) needs a finite, non-negative number');
		this.offsetMs += ms;
	}

	/** Unix seconds, as WeChat writes CreateTime. */
	seconds(): number {
		return Math.floor(this.now() / 1000);
	}
}
