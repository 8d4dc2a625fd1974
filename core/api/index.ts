export {
	WeChatApiError,
	WeChatAuthorizationLostError,
	WeChatNetworkError,
	WeChatPlatformError,
	NO_TICKET_HINT,
} from './errors';
export { hintFor, TOKEN_ERROR_CODES } from './hints';
export { redactEndpoint, SECRET_FIELDS, withoutTokens } from './redact';
export { WeChatTransport, type TransportOptions } from './transport';
export type { ApiRequest, BinaryResponse, HttpMethod, Logger } from './types';
