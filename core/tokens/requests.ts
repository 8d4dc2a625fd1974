import { TOKEN_ERROR_CODES } from '../api/hints';
import { WeChatApiError } from '../api/errors';
import type { WeChatTransport } from '../api/transport';
import type { ApiRequest, Logger } from '../api/types';

/**
 * Calls WeChat with a token in the query. A token WeChat rejects (40001, 40014, 42001) is
 * invalidated only if it is still the stored one (compare before invalidate: a token another
 * caller already replaced stays), then the call is retried once with a fresh token.
 */
export async function requestWithToken<T>(
	transport: WeChatTransport,
	logger: Logger | undefined,
	req: ApiRequest & { tokenParam?: string },
	param: string,
	token: () => Promise<string>,
	invalidate: (used: string) => Promise<boolean>,
): Promise<T> {
	const { tokenParam: _ignored, ...plain } = req;
	void _ignored;
	const call = async (value: string): Promise<T> =>
		(await transport.request<T>({
			...plain,
			query: { ...plain.query, [param]: value },
		})) as T;
	const first = await token();
	try {
		return await call(first);
	} catch (error) {
		if (!(error instanceof WeChatApiError) || !TOKEN_ERROR_CODES.has(error.errcode)) throw error;
		await invalidate(first);
		const second = await token();
		logger?.info?.(
			`WeChat rejected a token (${error.errcode}); retrying once with ${second === first ? 'the same' : 'a fresh'} token`,
		);
		return call(second);
	}
}
