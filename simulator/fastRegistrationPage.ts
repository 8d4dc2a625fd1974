/**
 * `GET /__sim/fast-registration/confirm?id=…`: the `authorize_url` of a personal or trial
 * registration. Opening it plays the user confirming in WeChat: the mini program is created and the
 * result is pushed to the authorization-event URL (the ticket push URL), as completeFastRegistration.
 */
import type { SimResponse } from './http';
import type { Simulator } from './types';

const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function page(status: number, text: string): SimResponse {
	return {
		status,
		headers: { 'content-type': 'text/html; charset=utf-8' },
		body: `<!doctype html><meta charset="utf-8"><title>Fast registration</title><p>${escape(text)}</p>`,
	};
}

export async function confirmPage(id: string, sim: Simulator): Promise<SimResponse> {
	const task = sim.fastRegistrations().find((t) => t.id === id);
	if (!task) return page(404, 'No such registration.');
	if (task.state !== 'pending') return page(200, `This registration is already ${task.state}.`);
	try {
		const { task: done, push } = await sim.completeFastRegistration(id);
		const pushed = push ? ` The result was pushed (HTTP ${push.status}).` : '';
		return page(200, `Mini program ${done.appId ?? ''} registered.${pushed}`);
	} catch (error) {
		return page(502, `Registered, but the push failed: ${String(error)}`);
	}
}
