/**
 * `/__sim/wxa/…`: the control API of mini-program code — what the platform's developer tool and
 * WeChat's reviewers do (a draft uploaded, an audit approved, rejected or delayed) and how audits end
 * by themselves (delay, outcome, the message URL audit events go to).
 */
import { BadInput, need, url } from './controlInput';
import { str } from './http';
import type { Simulator } from './types';
import type { AuditOutcome } from './wxaAudit';

type Action = (b: Record<string, unknown>, sim: Simulator) => unknown;

const OUTCOMES = new Set<AuditOutcome>(['approve', 'reject', 'delay']);

function strings(v: unknown, name: string): string[] | undefined {
	if (v === undefined) return undefined;
	if (!Array.isArray(v) || !v.every((x) => typeof x === 'string'))
		throw new BadInput(`"${name}" must be a list of strings`);
	return v as string[];
}

export const WXA_CONTROLS: Record<string, Action> = {
	'/__sim/wxa/drafts': (b, sim) => {
		const draft = sim.wxa.addDraft({
			userVersion: str(b.userVersion),
			userDesc: str(b.userDesc),
			developer: str(b.developer),
			pages: strings(b.pages, 'pages'),
		});
		return { draftId: draft.draft_id };
	},
	'/__sim/wxa/audit-settings': (b, sim) => {
		let delayMs: number | undefined;
		if (b.delayMs !== undefined && b.delayMs !== null) {
			delayMs = Number(b.delayMs);
			if (!Number.isFinite(delayMs) || delayMs < 0)
				throw new BadInput('"delayMs" must be a non-negative number, or null for manual audits');
		}
		const outcome = b.outcome;
		if (outcome !== undefined && outcome !== 'approve' && outcome !== 'reject')
			throw new BadInput('"outcome" must be approve or reject');
		return sim.wxa.configureAudits({
			...('delayMs' in b ? { delayMs } : {}),
			outcome,
			reason: str(b.reason),
			messageUrl:
				b.messageUrl === undefined ? undefined : b.messageUrl ? url(b, 'messageUrl') : null,
		});
	},
	'/__sim/wxa/audit': async (b, sim) => {
		const outcome = need(b, 'outcome') as AuditOutcome;
		if (!OUTCOMES.has(outcome)) throw new BadInput('"outcome" must be approve, reject or delay');
		return await sim.wxa.decideAudit(need(b, 'authorizerAppId'), outcome, {
			reason: str(b.reason),
			screenshot: str(b.screenshot),
			url: b.url === undefined || b.url === '' ? undefined : url(b),
		});
	},
};
