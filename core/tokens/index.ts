export {
	TokenManager,
	TICKET_TTL_MS,
	type TokenKind,
	type TokenManagerOptions,
} from './TokenManager';
export type { KnownAuthorizer } from './records';
