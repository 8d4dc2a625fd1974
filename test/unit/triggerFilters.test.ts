import {
	authorizationEventAllowed,
	messageAllowed,
	type TriggerFilters,
} from '../../nodes/WeChatOpenPlatformTrigger/filters';
import {
	AUTHORIZATION_EVENTS,
	EVENT_TYPES,
	MESSAGE_TYPES,
} from '../../nodes/WeChatOpenPlatformTrigger/notificationOptions';

const only = (pick: string): TriggerFilters => ({
	messageTypes: [pick],
	eventTypes: [pick],
	authorizationEvents: [pick],
	authorizerAppIds: [],
});

const named = (options: Array<{ value: string }>) =>
	options.map((o) => o.value).filter((v) => v !== 'other');

// Every value the panel offers by name is one the filter knows by name: picking it admits exactly
// that push, and "other" does not (a value missing from the filter would fall under "other").
describe('the trigger filters know every named option', () => {
	test.each(named(MESSAGE_TYPES))('message type %s', (msgType) => {
		expect(messageAllowed(only(msgType), msgType, '')).toBe(true);
		expect(messageAllowed(only('other'), msgType, '')).toBe(false);
	});

	test.each(named(EVENT_TYPES))('event %s', (event) => {
		expect(messageAllowed(only(event), 'event', event)).toBe(true);
		expect(messageAllowed(only('other'), 'event', event)).toBe(false);
	});

	test.each(named(AUTHORIZATION_EVENTS))('InfoType %s', (infoType) => {
		expect(authorizationEventAllowed(only(infoType), infoType)).toBe(true);
		expect(authorizationEventAllowed(only('other'), infoType)).toBe(false);
	});

	test('a value not offered by name is "other"', () => {
		expect(messageAllowed(only('other'), 'music', '')).toBe(true);
		expect(messageAllowed(only('other'), 'event', 'some_new_event')).toBe(true);
		expect(authorizationEventAllowed(only('other'), 'some_new_infotype')).toBe(true);
		expect(messageAllowed(only('text'), 'music', '')).toBe(false);
	});
});
