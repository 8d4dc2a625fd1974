/** The errors of WeChat message encryption, numbered as in the official WXBizMsgCrypt samples. */
export const WeChatCryptoErrorCode = {
	ValidateSignatureError: -40001,
	ParseXmlError: -40002,
	ComputeSignatureError: -40003,
	IllegalAesKey: -40004,
	ValidateAppidError: -40005,
	EncryptAESError: -40006,
	DecryptAESError: -40007,
	IllegalBuffer: -40008,
	EncodeBase64Error: -40009,
	DecodeBase64Error: -40010,
	GenReturnXmlError: -40011,
} as const;

export type WeChatCryptoErrorName = keyof typeof WeChatCryptoErrorCode;
export type WeChatCryptoErrorCodeValue = (typeof WeChatCryptoErrorCode)[WeChatCryptoErrorName];

const NAME_BY_CODE = new Map<number, WeChatCryptoErrorName>(
	(Object.keys(WeChatCryptoErrorCode) as WeChatCryptoErrorName[]).map((name) => [
		WeChatCryptoErrorCode[name],
		name,
	]),
);

export class WeChatCryptoError extends Error {
	readonly code: number;
	/** The official name of the code, e.g. `IllegalBuffer`. */
	readonly codeName: string;
	/** What to do about it, in plain words, when there is more to say than the message. */
	readonly hint?: string;

	constructor(code: WeChatCryptoErrorCodeValue, message: string, hint?: string) {
		super(message);
		this.name = 'WeChatCryptoError';
		this.code = code;
		this.codeName = NAME_BY_CODE.get(code) ?? 'Unknown';
		if (hint !== undefined) this.hint = hint;
	}
}

/** Throws the typed error: every check of the message crypto fails through here. */
export function fail(code: WeChatCryptoErrorCodeValue, message: string): never {
	throw new WeChatCryptoError(code, message);
}
