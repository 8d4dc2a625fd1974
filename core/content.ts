/**
 * What a message to a user says, independent of how it travels: as a passive reply (XML in the
 * HTTP answer to WeChat's push, core/reply.ts) or as a customer-service message (JSON to
 * /cgi-bin/message/custom/send, core/customerService.ts). One model, so that a passive reply can
 * fall back to the customer-service API without describing the message twice.
 */

export interface NewsArticle {
	title: string;
	description?: string;
	picUrl?: string;
	url?: string;
}

export type MessageContent =
	| { type: 'text'; content: string }
	| { type: 'image' | 'voice'; mediaId: string }
	/** An article saved in the account as permanent material (customer-service only). */
	| { type: 'mpnews'; mediaId: string }
	/** `thumbMediaId` is shown only by a customer-service message; a passive reply has none. */
	| { type: 'video'; mediaId: string; thumbMediaId?: string; title?: string; description?: string }
	| {
			type: 'music';
			title?: string;
			description?: string;
			musicUrl?: string;
			hqMusicUrl?: string;
			thumbMediaId: string;
	  }
	| { type: 'news'; articles: NewsArticle[] }
	/** Text with choices the user taps (customer-service only). */
	| {
			type: 'msgmenu';
			headContent: string;
			tailContent: string;
			items: Array<{ id: string; content: string }>;
	  }
	/** A Mini Program card (customer-service only). */
	| {
			type: 'miniprogrampage';
			title: string;
			appId: string;
			pagePath: string;
			thumbMediaId: string;
	  }
	/** Hand the conversation to the account's human agents (passive reply only). */
	| { type: 'transfer_customer_service'; kfAccount?: string }
	/** Answer "success": WeChat shows nothing and does not retry (passive reply only, not XML). */
	| { type: 'success' };

export type ContentType = MessageContent['type'];

/** WeChat's limit for a news message (passive reply; a customer-service news message shows one). */
export const MAX_NEWS_ARTICLES = 8;

/** The kinds WeChat accepts as passive-reply XML (its "被动回复用户消息" document). */
export const PASSIVE_REPLY_TYPES = [
	'text',
	'image',
	'voice',
	'video',
	'music',
	'news',
	'transfer_customer_service',
] as const;

export type PassiveReplyType = (typeof PASSIVE_REPLY_TYPES)[number];

/** A content that can go out as passive-reply XML. */
export type PassiveReply = Extract<MessageContent, { type: PassiveReplyType }>;

export function isPassiveReply(content: MessageContent): content is PassiveReply {
	return (PASSIVE_REPLY_TYPES as readonly string[]).includes(content.type);
}
