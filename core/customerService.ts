/**
 * Customer-service messages: the JSON body of POST /cgi-bin/message/custom/send, from the same
 * content model as a passive reply (core/content.ts). Field names as in WeChat's "客服消息"
 * document.
 */
import type { MessageContent } from './content';

export type CustomerServiceMessage = { touser: string; msgtype: string } & Record<string, unknown>;

function defined(o: Record<string, unknown>): Record<string, unknown> {
	return Object.fromEntries(Object.entries(o).filter(([, value]) => value !== undefined));
}

/**
 * The request body for `content` sent to `toUser` (an OpenID), optionally as the given
 * customer-service agent; undefined for the kinds that exist only as passive replies (transfer to
 * customer service, success).
 */
export function customerServiceMessage(
	toUser: string,
	content: MessageContent,
	kfAccount?: string,
): CustomerServiceMessage | undefined {
	const base: CustomerServiceMessage = { touser: toUser, msgtype: content.type };
	if (kfAccount) base.customservice = { kf_account: kfAccount };
	switch (content.type) {
		case 'text':
			return { ...base, text: { content: content.content } };
		case 'image':
		case 'voice':
		case 'mpnews':
			return { ...base, [content.type]: { media_id: content.mediaId } };
		case 'video':
			return {
				...base,
				video: defined({
					media_id: content.mediaId,
					thumb_media_id: content.thumbMediaId,
					title: content.title,
					description: content.description,
				}),
			};
		case 'music':
			return {
				...base,
				music: defined({
					title: content.title,
					description: content.description,
					musicurl: content.musicUrl,
					hqmusicurl: content.hqMusicUrl,
					thumb_media_id: content.thumbMediaId,
				}),
			};
		case 'news':
			return {
				...base,
				news: {
					articles: content.articles.map((a) =>
						defined({ title: a.title, description: a.description, url: a.url, picurl: a.picUrl }),
					),
				},
			};
		case 'msgmenu':
			return {
				...base,
				msgmenu: {
					head_content: content.headContent,
					list: content.items,
					tail_content: content.tailContent,
				},
			};
		case 'miniprogrampage':
			return {
				...base,
				miniprogrampage: {
					title: content.title,
					appid: content.appId,
					pagepath: content.pagePath,
					thumb_media_id: content.thumbMediaId,
				},
			};
		default:
			return undefined;
	}
}
