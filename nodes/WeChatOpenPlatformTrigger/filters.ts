import {
	AUTHORIZATION_EVENT_VALUES,
	EVENT_TYPE_VALUES,
	MESSAGE_TYPE_VALUES,
} from './notificationOptions';
import { ALL } from './properties';

/** What decides, inside webhook(), whether a push may start an execution. */
export interface TriggerFilters {
	messageTypes: string[];
	eventTypes: string[];
	authorizationEvents: string[];
	/** Empty = every account. */
	authorizerAppIds: string[];
}

const KNOWN_MESSAGE_TYPES = new Set(MESSAGE_TYPE_VALUES);
const KNOWN_EVENT_TYPES = new Set(EVENT_TYPE_VALUES);
const KNOWN_AUTHORIZATION_EVENTS = new Set(AUTHORIZATION_EVENT_VALUES);

const asList = (value: unknown): string[] =>
	Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export function parseAppIdList(value: unknown): string[] {
	if (typeof value !== 'string') return [];
	return value
		.split(/[\s,;]+/)
		.map((v) => v.trim())
		.filter((v) => v !== '');
}

export function filtersFrom(parameters: {
	messageTypes: unknown;
	eventTypes: unknown;
	authorizationEvents: unknown;
	authorizerAppIds: unknown;
}): TriggerFilters {
	return {
		messageTypes: asList(parameters.messageTypes),
		eventTypes: asList(parameters.eventTypes),
		authorizationEvents: asList(parameters.authorizationEvents),
		authorizerAppIds: parseAppIdList(parameters.authorizerAppIds),
	};
}

function selected(list: string[], value: string, known: Set<string>): boolean {
	if (list.includes(ALL)) return true;
	return list.includes(known.has(value) ? value : 'other');
}

export function accountAllowed(filters: TriggerFilters, appId: string | undefined): boolean {
	if (filters.authorizerAppIds.length === 0) return true;
	return appId !== undefined && filters.authorizerAppIds.includes(appId);
}

/** A message or event of an authorized account (MsgType, Event as WeChat sends them). */
export function messageAllowed(filters: TriggerFilters, msgType: string, event: string): boolean {
	if (msgType === 'event') return selected(filters.eventTypes, event, KNOWN_EVENT_TYPES);
	return selected(filters.messageTypes, msgType, KNOWN_MESSAGE_TYPES);
}

export function authorizationEventAllowed(filters: TriggerFilters, infoType: string): boolean {
	return selected(filters.authorizationEvents, infoType, KNOWN_AUTHORIZATION_EVENTS);
}
