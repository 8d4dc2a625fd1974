import type { IDataObject, IDisplayOptions, INodeProperties } from 'n8n-workflow';

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

/** The "Options" collection of a profile lookup whose only option is the language. */
export function languageOptionsField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		displayOptions,
		options: [languageOption],
	};
}

/** The language chosen in an operation's options, WeChat's own default when none is. */
export function getLanguage(options: IDataObject): string {
	return typeof options.lang === 'string' ? options.lang : 'zh_CN';
}
