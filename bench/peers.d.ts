// Minimal typings for the untyped peer libraries the benchmark compares against.
declare module 'wechat-crypto' {
	class WXBizMsgCrypt {
		constructor(token: string, encodingAESKey: string, id: string);
		getSignature(timestamp: string, nonce: string, encrypt: string): string;
		decrypt(text: string): { message: string; id: string };
		encrypt(text: string): string;
	}
	export = WXBizMsgCrypt;
}

declare module 'xml2js' {
	export function parseString(
		xml: string,
		options: { trim?: boolean; explicitArray?: boolean; async?: boolean },
		callback: (error: Error | null, result: unknown) => void,
	): void;
}
