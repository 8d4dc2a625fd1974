import { NodeApiError, NodeOperationError, type INode, type JsonObject } from 'n8n-workflow';

import { WeChatApiError, WeChatPlatformError } from '../../core/api/errors';
import { WeChatCryptoError } from '../../core/crypto';

/**
 * Turns anything the core throws into the n8n error a user can act on: WeChat's errcode and
 * errmsg in the message, the plain-words hint as the description. Core errors never carry
 * secrets, and nothing else from the original error (axios config, request bodies) is kept.
 */
export function toNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	if (error instanceof WeChatApiError) {
		const response: JsonObject = { errcode: error.errcode, errmsg: error.errmsg };
		return new NodeApiError(node, response, {
			message: error.message,
			description: error.hint,
			httpCode: String(error.errcode),
			itemIndex,
		});
	}
	if (error instanceof WeChatPlatformError) {
		// Ours, not WeChat's (no ticket yet, unknown account, network): the hint says what to do.
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	if (error instanceof WeChatCryptoError) {
		// A message or reply the protocol core refused (code -400xx); its hint, when it has one.
		return new NodeOperationError(node, error.message, { itemIndex, description: error.hint });
	}
	const message = error instanceof Error ? error.message : String(error);
	return new NodeOperationError(node, message, { itemIndex });
}
