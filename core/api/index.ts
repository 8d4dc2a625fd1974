export {
	WeChatApiError,
	WeChatAuthorizationLostError,
	WeChatDeliveryUnknownError,
	WeChatNetworkError,
	WeChatPlatformError,
	NO_TICKET_HINT,
} from './errors';
export { hintFor, TOKEN_ERROR_CODES } from './hints';
export { isMessageSend, mayRetryBusy, mayRetryNetwork } from './retryPolicy';
export { multipartBody, type MultipartFile, type MultipartParts } from './multipart';
export { redactEndpoint, SECRET_FIELDS, withoutTokens } from './redact';
export { WeChatTransport, type TransportOptions } from './transport';
export type { ApiRequest, BinaryResponse, HttpMethod, Logger, WeChatAnswer } from './types';
