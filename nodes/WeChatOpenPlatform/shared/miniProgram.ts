import {
	NodeOperationError,
	type IDataObject,
	type IDisplayOptions,
	type IExecuteFunctions,
	type INodeProperties,
} from 'n8n-workflow';

import { accountField, onBehalfOperation } from './operation';
import type { Operation } from './types';

/** The authorized mini program the operation works for (the same locator as every resource). */
export function miniProgramField(displayOptions: IDisplayOptions): INodeProperties {
	return accountField(displayOptions, 'miniProgram');
}

/** A category as WeChat's category APIs take it: first- and second-level ids (+ qualifications). */
export function categoryFields(
	displayOptions: IDisplayOptions,
	withCertificates: boolean,
): INodeProperties[] {
	const fields: INodeProperties[] = [
		{
			displayName: 'First-Level Category ID',
			name: 'firstCategory',
			type: 'number',
			default: 0,
			required: true,
			description: 'The level-1 category ID (field "first"), from Get All Categories',
			displayOptions,
		},
		{
			displayName: 'Second-Level Category ID',
			name: 'secondCategory',
			type: 'number',
			default: 0,
			required: true,
			description:
				'The level-2 category ID (field "second"), from Get All Categories; its father is the first-level ID',
			displayOptions,
		},
	];
	if (withCertificates) {
		fields.push({
			displayName: 'Qualifications',
			name: 'certificates',
			type: 'fixedCollection',
			typeOptions: { multipleValues: true },
			placeholder: 'Add Qualification',
			default: {},
			description: 'Documents a sensitive category needs (name and the media ID of its photo)',
			displayOptions,
			options: [
				{
					displayName: 'Qualification',
					name: 'certificate',
					values: [
						{
							displayName: 'Name',
							name: 'key',
							type: 'string',
							default: '',
							description: "The qualification's name as Get All Categories lists it",
						},
						{
							displayName: 'Media ID',
							name: 'value',
							type: 'string',
							default: '',
							description: 'Media ID of the uploaded photo of the document',
						},
					],
				},
			],
		});
	}
	return fields;
}

export function readCategory(
	context: IExecuteFunctions,
	itemIndex: number,
	withCertificates: boolean,
): { first: number; second: number; certicates?: Array<{ key: string; value: string }> } {
	const first = Number(context.getNodeParameter('firstCategory', itemIndex, 0));
	const second = Number(context.getNodeParameter('secondCategory', itemIndex, 0));
	if (!Number.isInteger(first) || first <= 0 || !Number.isInteger(second) || second <= 0) {
		throw new NodeOperationError(
			context.getNode(),
			'Both category IDs must be positive whole numbers',
			{
				itemIndex,
				description: 'Look the IDs up with Mini Program Profile → Get All Categories',
			},
		);
	}
	if (!withCertificates) return { first, second };
	const raw = context.getNodeParameter('certificates', itemIndex, {}) as {
		certificate?: Array<{ key?: string; value?: string }>;
	};
	// WeChat spells the field "certicates".
	const certicates = (raw.certificate ?? [])
		.map((c) => ({ key: String(c.key ?? '').trim(), value: String(c.value ?? '').trim() }))
		.filter((c) => c.key && c.value);
	return { first, second, certicates };
}

/** privacy_ver of the privacy-setting APIs: 2 the version the next release uses, 1 the live one. */
export function privacyVersionField(displayOptions: IDisplayOptions): INodeProperties {
	return {
		displayName: 'Privacy Version',
		name: 'privacyVersion',
		type: 'options',
		options: [
			{
				name: 'Next Release',
				value: 2,
				description: 'Takes effect with the next code release (privacy_ver 2)',
			},
			{
				name: 'Live',
				value: 1,
				description: 'The version users see now (privacy_ver 1)',
			},
		],
		default: 2,
		displayOptions,
	};
}

/** Add, Delete and Modify Category: the category's fields, one POST, WeChat's ok as the item. */
export function categoryOperation(
	operation: string,
	path: string,
	o: { withCertificates: boolean; body?: (category: IDataObject) => IDataObject },
): Operation {
	return onBehalfOperation('miniProgramProfile', operation, {
		method: 'POST',
		path,
		account: 'miniProgram',
		fields: (show) => categoryFields(show, o.withCertificates),
		read(context, itemIndex) {
			const category = readCategory(context, itemIndex, o.withCertificates);
			return {
				body: o.body ? o.body(category) : category,
				echo: { first: category.first, second: category.second },
			};
		},
	});
}
