import type { INodeProperties } from 'n8n-workflow';

/** WeChat's language for country/province/city names in user profiles. */
export const languageOption: INodeProperties = {
	displayName: 'Language',
	name: 'lang',
	type: 'options',
	default: 'zh_CN',
	description: 'Language of the country, province and city names',
	options: [
		{ name: 'Simplified Chinese', value: 'zh_CN' },
		{ name: 'Traditional Chinese', value: 'zh_TW' },
		{ name: 'English', value: 'en' },
	],
};
