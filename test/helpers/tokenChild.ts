/**
 * A second (third, …) n8n process: builds a WeChatPlatform from the config in WX_CHILD_CONFIG
 * and runs the commands the test sends over IPC.
 */
import { WeChatPlatform } from '../../core/platform';
import type { PlatformConfig } from '../../core/platformConfig';

const config = JSON.parse(process.env.WX_CHILD_CONFIG ?? '{}') as PlatformConfig;
const platform = new WeChatPlatform(config);

type Command =
	| { id: number; cmd: 'burst'; appId: string; n: number }
	| { id: number; cmd: 'token'; appId: string };

process.on('message', (raw) => {
	const command = raw as Command;
	void (async () => {
		try {
			if (command.cmd === 'burst') {
				const tokens = await Promise.all(
					Array.from({ length: command.n }, () => platform.getAuthorizerAccessToken(command.appId)),
				);
				process.send?.({
					id: command.id,
					ok: { count: tokens.length, distinct: [...new Set(tokens)] },
				});
			} else {
				process.send?.({
					id: command.id,
					ok: await platform.getAuthorizerAccessToken(command.appId),
				});
			}
		} catch (error) {
			process.send?.({ id: command.id, error: (error as Error).message });
		}
	})();
});

process.on('disconnect', () => {
	void platform.close().finally(() => process.exit(0));
});

process.send?.({ ready: true });
