import { WeChatCryptoError } from '../../index';

/** The WeChatCryptoError code `fn` throws (asserting it throws nothing else), or undefined when it returns. */
export function codeOf(fn: () => unknown): number | undefined {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(WeChatCryptoError);
		expect(error).toBeInstanceOf(Error);
		return (error as WeChatCryptoError).code;
	}
	return undefined;
}
