/**
 * What WeChat keeps of a fast registration (快速注册) between the platform's request and the legal
 * person's / user's confirmation. Plain data held by `SimState`; fastRegistration.ts completes tasks.
 */
import { randomBytes } from 'node:crypto';

export type FastRegistrationKind = 'enterprise' | 'personal' | 'trial';

/**
 * The result notification's InfoType. Enterprise and personal registrations both push
 * `notify_third_fasteregister` (sic: WeChat's spelling; the personal page shows the same XML with
 * `wxuser`/`idname` in `info`); a trial mini program pushes `notify_third_fastregisterbetaapp`.
 */
export const FAST_REGISTRATION_INFO_TYPE: Record<FastRegistrationKind, string> = {
	enterprise: 'notify_third_fasteregister',
	personal: 'notify_third_fasteregister',
	trial: 'notify_third_fastregisterbetaapp',
};

/** A registration still waiting (24 h at WeChat: the legal person or user must confirm in time). */
export const FAST_REGISTRATION_TTL_MS = 24 * 3600_000;

export interface FastRegistrationTask {
	/** Enterprise: the simulator's own id; personal: `taskid`; trial: `unique_id`. */
	id: string;
	kind: FastRegistrationKind;
	/** What the platform submitted, as WeChat echoes it in the notification's `info`. */
	info: Record<string, string>;
	createdAt: number;
	state: 'pending' | 'registered' | 'failed';
	/** The notification's status: 0 registered, else WeChat's failure code. */
	status?: number;
	msg?: string;
	/** The new mini program (registered only). */
	appId?: string;
}

/** Registrations by id, in creation order. */
export class FastRegistrations {
	readonly tasks = new Map<string, FastRegistrationTask>();

	create(kind: FastRegistrationKind, info: Record<string, string>, now: number) {
		const id = kind === 'trial' ? randomBytes(16).toString('hex') : randomBytes(12).toString('hex');
		const task: FastRegistrationTask = { id, kind, info, createdAt: now, state: 'pending' };
		this.tasks.set(id, task);
		return task;
	}

	/** The newest task of `kind` whose submitted info has these values. */
	find(kind: FastRegistrationKind, match: Record<string, string>) {
		const found = [...this.tasks.values()].filter(
			(t) => t.kind === kind && Object.entries(match).every(([k, v]) => t.info[k] === v),
		);
		return found[found.length - 1];
	}
}
