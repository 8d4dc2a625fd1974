import type { INodeProperties } from 'n8n-workflow';

import * as addDraftToTemplates from './addDraftToTemplates';
import * as deleteTemplate from './deleteTemplate';
import * as getManyDrafts from './getManyDrafts';
import * as getManyTemplates from './getManyTemplates';
import { RESOURCE } from './list';

export { addDraftToTemplates, deleteTemplate, getManyDrafts, getManyTemplates };

/**
 * The platform's code templates (component level, no account): the developer tool uploads drafts,
 * a draft becomes a template, Mini Program Code → Commit uses a template.
 */
export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [RESOURCE] } },
		options: [
			{
				name: 'Add Draft to Templates',
				value: 'addDraftToTemplates',
				description: 'Turn an uploaded draft into a code template',
				action: 'Add a draft to the code templates',
			},
			{
				name: 'Delete Template',
				value: 'deleteTemplate',
				description: 'Remove a code template',
				action: 'Delete a code template',
			},
			{
				name: 'Get Many Drafts',
				value: 'getManyDrafts',
				description: "Drafts in the platform's draft box",
				action: 'Get many code template drafts',
			},
			{
				name: 'Get Many Templates',
				value: 'getManyTemplates',
				description: "The platform's code templates",
				action: 'Get many code templates',
			},
		],
		default: 'getManyTemplates',
	},
	...getManyDrafts.description,
	...addDraftToTemplates.description,
	...getManyTemplates.description,
	...deleteTemplate.description,
];
