import type { IHookFunctions } from 'n8n-workflow';

import { CREDENTIAL_TYPE, platformFromReadCredentials } from '../../shared/platform';
import { errorText } from './types';

/**
 * n8n calls create() once per webhook of the node (seven here) on every activation; one request to
 * WeChat per component and activation burst is enough.
 */
const recent = new Map<string, { at: number; done: Promise<void> }>();
const BURST_MS = 30_000;

/**
 * Asks WeChat to push a component_verify_ticket now (api_start_push_ticket), so a fresh install
 * works in seconds instead of waiting up to 10 minutes. Never fatal: the workflow still
 * activates, and the regular pushes arrive anyway.
 */
export async function startTicketPush(context: IHookFunctions): Promise<void> {
	let key = '';
	try {
		const credentials = await context.getCredentials(CREDENTIAL_TYPE);
		key = String(credentials.componentAppId ?? '');
		const previous = recent.get(key);
		if (previous && Date.now() - previous.at < BURST_MS) return await previous.done;
		const done = (async () => {
			// Also what makes a changed credential take effect at once on (re)activation: the read
			// above is remembered as the trigger's latest one.
			const platform = platformFromReadCredentials(context, credentials);
			await platform.startPushTicket();
		})();
		recent.set(key, { at: Date.now(), done: done.catch(() => undefined) });
		await done;
	} catch (error) {
		recent.delete(key);
		context.logger.warn(
			`WeChat Open Platform Trigger: could not ask WeChat to push a ticket now; it will arrive with the next regular push (${errorText(error)})`,
		);
	}
}
