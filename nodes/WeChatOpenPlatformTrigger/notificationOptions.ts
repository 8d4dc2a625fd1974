/**
 * The pushes the trigger's filters name (Message Types, Event Types, Authorization Events): the
 * option lists properties.ts shows, and the values filters.ts knows by name. Any value not named
 * here is "other", so that kinds WeChat adds later can still be picked.
 */
/** Message types an Official Account or mini program pushes (MsgType), besides `event`. */
export const MESSAGE_TYPES: Array<{ name: string; value: string }> = [
	{ name: 'Text', value: 'text' },
	{ name: 'Image', value: 'image' },
	{ name: 'Voice', value: 'voice' },
	{ name: 'Video', value: 'video' },
	{ name: 'Short Video', value: 'shortvideo' },
	{ name: 'Location', value: 'location' },
	{ name: 'Link', value: 'link' },
	{ name: 'Mini Program Card', value: 'miniprogrampage' },
	{ name: 'Other Message Types', value: 'other' },
];

/** Common `Event` values (MsgType = event); anything else is "other". */
export const EVENT_TYPES: Array<{ name: string; value: string }> = [
	{ name: 'Follow (Subscribe)', value: 'subscribe' },
	{ name: 'Unfollow (Unsubscribe)', value: 'unsubscribe' },
	{ name: 'QR Code Scan by a Follower (SCAN)', value: 'SCAN' },
	{ name: 'Location Report (LOCATION)', value: 'LOCATION' },
	{ name: 'Menu Click (CLICK)', value: 'CLICK' },
	{ name: 'Menu Link Opened (VIEW)', value: 'VIEW' },
	{ name: 'Template Message Delivered (TEMPLATESENDJOBFINISH)', value: 'TEMPLATESENDJOBFINISH' },
	{ name: 'Mass Message Finished (MASSSENDJOBFINISH)', value: 'MASSSENDJOBFINISH' },
	{ name: 'Mini Program Review Passed (Weapp_audit_success)', value: 'weapp_audit_success' },
	{ name: 'Mini Program Review Failed (Weapp_audit_fail)', value: 'weapp_audit_fail' },
	{ name: 'Mini Program Review Delayed (Weapp_audit_delay)', value: 'weapp_audit_delay' },
	// Mini-program events on the message URL (WeChat's third-party platform documentation, e.g.
	// https://developers.weixin.qq.com/doc/oplatform/Third-party_Platforms/2.0/api/Mini_Program_Basic_Info/wxa_nickname_audit.html).
	{ name: 'Mini Program Name Review Result (Wxa_nickname_audit)', value: 'wxa_nickname_audit' },
	{ name: 'Mini Program Category Review Result (Wxa_category_audit)', value: 'wxa_category_audit' },
	{ name: 'Privacy Interface Application Result (Wxa_privacy_apply)', value: 'wxa_privacy_apply' },
	{ name: 'Mini Program Violation Record (Wxa_illegal_record)', value: 'wxa_illegal_record' },
	{
		name: 'Subscription Message Popup Answered (Subscribe_msg_popup_event)',
		value: 'subscribe_msg_popup_event',
	},
	{
		name: 'Subscription Message Setting Changed (Subscribe_msg_change_event)',
		value: 'subscribe_msg_change_event',
	},
	{
		name: 'Subscription Message Sent (Subscribe_msg_sent_event)',
		value: 'subscribe_msg_sent_event',
	},
	{
		name: 'User Entered Customer Service Session (User_enter_tempsession)',
		value: 'user_enter_tempsession',
	},
	{ name: 'Other Events', value: 'other' },
];

/** Values of InfoType pushed to the authorization-event URL that can start an execution. */
export const AUTHORIZATION_EVENTS: Array<{ name: string; value: string; description: string }> = [
	{
		name: 'Account Authorized',
		value: 'authorized',
		description: 'A merchant connected an Official Account or mini program to your platform',
	},
	{
		name: 'Authorization Updated',
		value: 'updateauthorized',
		description: 'A merchant changed the permissions granted to your platform',
	},
	{
		name: 'Account Unauthorized',
		value: 'unauthorized',
		description: 'A merchant disconnected an account from your platform',
	},
	{
		name: 'Mini Program Registered (Fast Registration)',
		value: 'notify_third_fasteregister',
		description:
			'Result of Register Mini Program or Register Personal Mini Program (notify_third_fasteregister). On success the new mini program is authorized and stored like an authorization.',
	},
	{
		name: 'Trial Mini Program Created',
		value: 'notify_third_fastregisterbetaapp',
		description: 'Result of Register Trial Mini Program (notify_third_fastregisterbetaapp)',
	},
	{
		name: 'Trial Mini Program Verified',
		value: 'notify_third_fastverifybetaapp',
		description:
			'A trial mini program became a regular one, or its verification failed (notify_third_fastverifybetaapp)',
	},
	{
		name: 'Mini Program WeChat Verification Result',
		value: 'notify_3rd_wxa_auth',
		description: 'Progress or result of a WeChat verification (notify_3rd_wxa_auth)',
	},
	{
		name: 'Mini Program Annual Review Reminder',
		value: 'notify_3rd_wxa_wxverify',
		description:
			'The verification expires soon or has expired, with the abilities it limits (notify_3rd_wxa_wxverify)',
	},
	{
		name: 'ICP Filing Face Verification Result',
		value: 'notify_icpfiling_verify_result',
		description:
			"The administrator's face verification for an ICP filing finished (notify_icpfiling_verify_result)",
	},
	{
		name: 'ICP Filing Result',
		value: 'notify_apply_icpfiling_result',
		description: 'An ICP filing was approved or rejected (notify_apply_icpfiling_result)',
	},
	{
		name: 'Other Platform Notifications',
		value: 'other',
		description: 'Any notification not listed above',
	},
];

const named = (options: Array<{ value: string }>): string[] =>
	options.map((o) => o.value).filter((v) => v !== 'other');

/** The named MsgTypes, Event values and InfoTypes (filters.ts: anything else is "other"). */
export const MESSAGE_TYPE_VALUES = named(MESSAGE_TYPES);
export const EVENT_TYPE_VALUES = named(EVENT_TYPES);
export const AUTHORIZATION_EVENT_VALUES = named(AUTHORIZATION_EVENTS);
