import type { INodeProperties } from 'n8n-workflow';

import * as addCategory from './addCategory';
import * as deleteCategory from './deleteCategory';
import * as getAllCategories from './getAllCategories';
import * as getBasicInfo from './getBasicInfo';
import * as getCategories from './getCategories';
import * as getNicknameAuditStatus from './getNicknameAuditStatus';
import * as modifyCategory from './modifyCategory';
import * as setAvatar from './setAvatar';
import * as setNickname from './setNickname';
import * as setSignature from './setSignature';

export {
	addCategory,
	deleteCategory,
	getAllCategories,
	getBasicInfo,
	getCategories,
	getNicknameAuditStatus,
	modifyCategory,
	setAvatar,
	setNickname,
	setSignature,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['miniProgramProfile'] } },
		options: [
			{
				name: 'Add Category',
				value: 'addCategory',
				description: 'Add a service category to the mini program',
				action: 'Add a category',
			},
			{
				name: 'Delete Category',
				value: 'deleteCategory',
				description: 'Remove a service category',
				action: 'Delete a category',
			},
			{
				name: 'Get All Categories',
				value: 'getAllCategories',
				description: 'Every category WeChat offers, with the qualifications each needs',
				action: 'Get all categories',
			},
			{
				name: 'Get Basic Info',
				value: 'getBasicInfo',
				description: 'Name, avatar, introduction, verification and their change quotas',
				action: 'Get basic info',
			},
			{
				name: 'Get Categories',
				value: 'getCategories',
				description: "The mini program's categories and their audit status",
				action: 'Get categories',
			},
			{
				name: 'Get Nickname Audit Status',
				value: 'getNicknameAuditStatus',
				description: 'Follow the audit of a name change',
				action: 'Get nickname audit status',
			},
			{
				name: 'Modify Category',
				value: 'modifyCategory',
				description: 'Replace the qualifications of a rejected category',
				action: 'Modify a category',
			},
			{
				name: 'Set Avatar',
				value: 'setAvatar',
				description: "Change the mini program's avatar from an image in binary data",
				action: 'Set the avatar',
			},
			{
				name: 'Set Nickname',
				value: 'setNickname',
				description: 'Rename the mini program (may go to audit)',
				action: 'Set the nickname',
			},
			{
				name: 'Set Signature',
				value: 'setSignature',
				description: "Change the mini program's introduction",
				action: 'Set the signature',
			},
		],
		default: 'getBasicInfo',
	},
	...getBasicInfo.description,
	...setNickname.description,
	...getNicknameAuditStatus.description,
	...setSignature.description,
	...setAvatar.description,
	...getAllCategories.description,
	...getCategories.description,
	...addCategory.description,
	...deleteCategory.description,
	...modifyCategory.description,
];
