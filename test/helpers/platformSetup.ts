import { randomBytes } from 'node:crypto';

import type { PlatformConfig } from '../../core/platform';
import { startSimulator, type Simulator } from '../../simulator';

export const COMPONENT_APPID = 'wx0c0mp0nent0001';
export const MERCHANT_APPID = 'wxa0th0r1zer0001';

export interface Fixture {
	sim: Simulator;
	component: { appId: string; appSecret: string; token: string; encodingAESKey: string };
}

/** A simulator with one component and one authorized account, and a fresh ticket issued. */
export async function startFixture(): Promise<Fixture> {
	const component = {
		appId: COMPONENT_APPID,
		appSecret: randomBytes(16).toString('hex'),
		token: randomBytes(8).toString('hex'),
		encodingAESKey: alphanumeric(43),
	};
	const sim = await startSimulator({ component });
	sim.addAuthorizer({ appId: MERCHANT_APPID, userName: 'gh_a0th0r1zer01', nickName: 'Test Coffee' });
	return { sim, component };
}

export function configFor(
	f: Fixture,
	store: PlatformConfig['store'],
	extra: Partial<PlatformConfig> = {},
): PlatformConfig {
	return {
		componentAppId: f.component.appId,
		componentAppSecret: f.component.appSecret,
		token: f.component.token,
		encodingAESKey: f.component.encodingAESKey,
		apiBaseUrl: f.sim.url,
		store,
		retryBaseDelayMs: 2,
		...extra,
	};
}

function alphanumeric(length: number): string {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
	return [...randomBytes(length)].map((b) => alphabet[b % alphabet.length]).join('');
}
