import type { PlatformConfig } from '../../core/platformConfig';
import { randomComponentConfig, startSimulator, type Simulator } from '../../simulator';

export const COMPONENT_APPID = 'wx0c0e0e0e0e000001';
export const MERCHANT_APPID = 'wxa0a0a0a1ae000001';

export interface Fixture {
	sim: Simulator;
	component: { appId: string; appSecret: string; token: string; encodingAESKey: string };
}

/** A simulator with one component and one authorized account, and a fresh ticket issued. */
export async function startFixture(): Promise<Fixture> {
	const component = randomComponentConfig(COMPONENT_APPID);
	const sim = await startSimulator({ component });
	sim.addAuthorizer({
		appId: MERCHANT_APPID,
		userName: 'gh_a0th0r1zer01',
		nickName: 'Test Coffee',
	});
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
