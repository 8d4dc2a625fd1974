/**
 * WeChat's reviewers: a submitted audit ends after the configured delay (or when the control API says
 * so) as approved or rejected, or is marked delayed, and WeChat pushes `weapp_audit_success`,
 * `weapp_audit_fail` or `weapp_audit_delay` to the mini program's message URL:
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/code-management/submitAudit.html
 */
import type { PushResult } from './push';
import type { Pusher } from './pusher';
import type { SimState } from './state';
import {
	DELAY_REASON,
	codeOf,
	runningAudit,
	wxaOf,
	type Audit,
	type AuditSettings,
	type AuditStatus,
} from './wxaModel';

export type AuditOutcome = 'approve' | 'reject' | 'delay';

export interface AuditDecision {
	/** Default: the settings' reason for a rejection, a standard sentence for a delay. */
	reason?: string;
	/** Media ids of screenshots, `|` separated, on a rejection. */
	screenshot?: string;
	/** Where to push the event; default the configured message URL (none: nothing is pushed). */
	url?: string;
}

export interface AuditDecisionResult {
	auditid: number;
	status: AuditStatus;
	/** The push's outcome, when a message URL was known. */
	push?: PushResult;
}

const STATUS: Record<AuditOutcome, AuditStatus> = { approve: 0, reject: 1, delay: 4 };

export class AuditDesk {
	private readonly timers = new Set<NodeJS.Timeout>();
	/** Per mini program, the CreateTime of its last audit event. */
	private readonly lastEventAt = new Map<string, number>();

	constructor(
		private readonly state: SimState,
		private readonly pusher: Pusher,
	) {}

	get settings(): AuditSettings {
		return wxaOf(this.state).settings;
	}

	configure(s: Partial<AuditSettings> & { messageUrl?: string | null }): AuditSettings {
		const store = wxaOf(this.state);
		if ('delayMs' in s) store.settings.delayMs = s.delayMs ?? undefined;
		if (s.outcome) store.settings.outcome = s.outcome;
		if (s.reason) store.settings.reason = s.reason;
		if (s.messageUrl !== undefined) store.messageUrl = s.messageUrl || undefined;
		return { ...store.settings };
	}

	/** Called by /wxa/submit_audit: with a delay configured, the audit ends by itself. */
	submitted(audit: Audit): void {
		const { delayMs, outcome } = this.settings;
		if (delayMs === undefined) return;
		const timer = setTimeout(() => {
			this.timers.delete(timer);
			if (runningAudit(codeOf(this.state, audit.appId)) !== audit) return;
			this.decide(audit.appId, outcome).catch(() => undefined);
		}, delayMs);
		timer.unref();
		this.timers.add(timer);
	}

	/** Ends (or delays) the running audit of `appId` and pushes the event. Throws when none runs. */
	async decide(
		appId: string,
		outcome: AuditOutcome,
		d: AuditDecision = {},
	): Promise<AuditDecisionResult> {
		const audit = runningAudit(codeOf(this.state, appId));
		if (!audit) throw new Error(`${appId} has no audit in progress`);
		// Audit events carry no id: two results of one mini program within a second would be the same
		// XML, which the platform rightly drops as WeChat's retry. Real audits take hours; a simulator
		// deciding faster keeps each result's time after the previous one.
		const now = Math.max(this.state.clock.seconds(), (this.lastEventAt.get(appId) ?? 0) + 1);
		this.lastEventAt.set(appId, now);
		audit.status = STATUS[outcome];
		let fields: Record<string, string>;
		if (outcome === 'approve') {
			audit.decidedAt = now;
			fields = { Event: 'weapp_audit_success', SuccTime: String(now) };
		} else if (outcome === 'reject') {
			audit.decidedAt = now;
			audit.reason = d.reason ?? this.settings.reason;
			audit.screenshot = d.screenshot ?? '';
			fields = {
				Event: 'weapp_audit_fail',
				Reason: audit.reason,
				FailTime: String(now),
				ScreenShot: audit.screenshot,
			};
		} else {
			audit.reason = d.reason ?? DELAY_REASON;
			fields = { Event: 'weapp_audit_delay', Reason: audit.reason, DelayTime: String(now) };
		}
		const url = d.url ?? wxaOf(this.state).messageUrl;
		const result: AuditDecisionResult = { auditid: audit.auditid, status: audit.status };
		if (url)
			result.push = await this.pusher.pushEvent(url, appId, { CreateTime: String(now), ...fields });
		return result;
	}

	close(): void {
		for (const t of this.timers) clearTimeout(t);
		this.timers.clear();
	}
}
