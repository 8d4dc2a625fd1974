import { NodeOperationError, type IDataObject, type IExecuteFunctions } from 'n8n-workflow';

import { text } from '../../../core/text';
import { MAX_NEWS_ARTICLES, type ContentType, type MessageContent } from '../../../core/content';

const optional = (value: unknown): string | undefined => text(value) || undefined;

/** Reads the content fields of one item into a typed message. */
export function readContent(
	context: IExecuteFunctions,
	itemIndex: number,
	typeField: string,
): MessageContent {
	const type = context.getNodeParameter(typeField, itemIndex) as ContentType;
	const param = (name: string): unknown => context.getNodeParameter(name, itemIndex, '');
	const required = (name: string, label: string): string => {
		const value = text(param(name));
		if (!value.trim()) {
			throw new NodeOperationError(
				context.getNode(),
				`${label} is required for a ${type} message`,
				{
					itemIndex,
				},
			);
		}
		return value;
	};
	const details = (): IDataObject =>
		(context.getNodeParameter('mediaDetails', itemIndex, {}) as IDataObject) ?? {};
	switch (type) {
		case 'text':
			return { type, content: required('content', 'Text') };
		case 'image':
		case 'voice':
		case 'mpnews':
			return { type, mediaId: required('mediaId', 'Media ID') };
		case 'video': {
			const d = details();
			return {
				type,
				mediaId: required('mediaId', 'Media ID'),
				thumbMediaId: optional(d.thumbMediaId),
				title: optional(d.title),
				description: optional(d.description),
			};
		}
		case 'music': {
			const d = details();
			return {
				type,
				thumbMediaId: required('thumbMediaId', 'Thumbnail Media ID'),
				title: optional(d.title),
				description: optional(d.description),
				musicUrl: optional(d.musicUrl),
				hqMusicUrl: optional(d.hqMusicUrl),
			};
		}
		case 'news': {
			const raw = context.getNodeParameter('articles.article', itemIndex, []) as IDataObject[];
			const articles = raw.map((a) => ({
				title: text(a.title),
				description: optional(a.description),
				picUrl: optional(a.picUrl),
				url: optional(a.url),
			}));
			if (articles.length < 1 || articles.length > MAX_NEWS_ARTICLES) {
				throw new NodeOperationError(
					context.getNode(),
					`A news message needs 1 to ${MAX_NEWS_ARTICLES} articles, got ${articles.length}`,
					{
						itemIndex,
					},
				);
			}
			if (articles.some((a) => !a.title.trim())) {
				throw new NodeOperationError(context.getNode(), 'Every article needs a title', {
					itemIndex,
				});
			}
			return { type, articles };
		}
		case 'msgmenu': {
			const raw = context.getNodeParameter('menuItems.item', itemIndex, []) as IDataObject[];
			const items = raw.map((i) => ({ id: text(i.id), content: text(i.content) }));
			if (items.length < 1 || items.some((i) => !i.id.trim() || !i.content.trim())) {
				throw new NodeOperationError(
					context.getNode(),
					'A menu message needs at least one choice, each with an ID and a text',
					{
						itemIndex,
					},
				);
			}
			return {
				type,
				headContent: text(param('headContent')),
				tailContent: text(param('tailContent')),
				items,
			};
		}
		case 'miniprogrampage':
			return {
				type,
				title: required('miniProgramTitle', 'Card Title'),
				appId: required('miniProgramAppId', 'Mini Program AppID'),
				pagePath: required('miniProgramPagePath', 'Page Path'),
				thumbMediaId: required('thumbMediaId', 'Thumbnail Media ID'),
			};
		case 'transfer_customer_service':
			return { type, kfAccount: optional(param('kfAccount')) };
		case 'success':
			return { type };
		default:
			throw new NodeOperationError(context.getNode(), `Unknown message type "${text(type)}"`, {
				itemIndex,
			});
	}
}
