import type { INodeProperties } from 'n8n-workflow';

import { RESOURCE } from './resource';
import * as commit from './commit';
import * as getAuditQuota from './getAuditQuota';
import * as getAuditStatus from './getAuditStatus';
import * as getCategories from './getCategories';
import * as getGrayReleasePlan from './getGrayReleasePlan';
import * as getPages from './getPages';
import * as getTestQrCode from './getTestQrCode';
import * as getVersionInfo from './getVersionInfo';
import * as grayRelease from './grayRelease';
import * as release from './release';
import * as revertGrayRelease from './revertGrayRelease';
import * as rollBackRelease from './rollBackRelease';
import * as setVisitStatus from './setVisitStatus';
import * as speedUpAudit from './speedUpAudit';
import * as submitForAudit from './submitForAudit';
import * as uploadAuditMedia from './uploadAuditMedia';
import * as withdrawAudit from './withdrawAudit';

export {
	commit,
	getAuditQuota,
	getAuditStatus,
	getCategories,
	getGrayReleasePlan,
	getPages,
	getTestQrCode,
	getVersionInfo,
	grayRelease,
	release,
	revertGrayRelease,
	rollBackRelease,
	setVisitStatus,
	speedUpAudit,
	submitForAudit,
	uploadAuditMedia,
	withdrawAudit,
};

/**
 * A mini program's code on behalf of its merchant: commit a code template, submit it for WeChat's
 * audit, release it (fully or gray), roll back. The names hold "audit", "release" and "template" so
 * that the node panel's search finds them.
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
				name: 'Commit',
				value: 'commit',
				description: 'Make a code template the test version of a mini program',
				action: 'Commit a code template to a mini program',
			},
			{
				name: 'Get Audit Quota',
				value: 'getAuditQuota',
				description: 'Audits and speed-ups left this month',
				action: 'Get the audit quota of a mini program',
			},
			{
				name: 'Get Audit Status',
				value: 'getAuditStatus',
				description: 'Status of the latest audit or of one audit ID',
				action: 'Get the audit status of a mini program',
			},
			{
				name: 'Get Categories',
				value: 'getCategories',
				description: 'Service categories to use in Submit for Audit',
				action: 'Get the categories of a mini program',
			},
			{
				name: 'Get Gray Release Plan',
				value: 'getGrayReleasePlan',
				description: 'Status and percentage of the gray release',
				action: 'Get the gray release plan of a mini program',
			},
			{
				name: 'Get Pages',
				value: 'getPages',
				description: 'Pages of the committed test version',
				action: 'Get the pages of a mini program',
			},
			{
				name: 'Get Test QR Code',
				value: 'getTestQrCode',
				description: 'QR code image of the test version',
				action: 'Get the test QR code of a mini program',
			},
			{
				name: 'Get Version Info',
				value: 'getVersionInfo',
				description: 'Test version and released version',
				action: 'Get the version info of a mini program',
			},
			{
				name: 'Gray Release',
				value: 'grayRelease',
				description: 'Release the approved version to a share of users',
				action: 'Gray release a mini program',
			},
			{
				name: 'Release',
				value: 'release',
				description: 'Release the approved version to all users',
				action: 'Release a mini program',
			},
			{
				name: 'Revert Gray Release',
				value: 'revertGrayRelease',
				description: 'Stop a running gray release',
				action: 'Revert the gray release of a mini program',
			},
			{
				name: 'Roll Back Release',
				value: 'rollBackRelease',
				description: 'Return to the previous released version',
				action: 'Roll back the release of a mini program',
			},
			{
				name: 'Set Visit Status',
				value: 'setVisitStatus',
				description: 'Pause the mini program for users, or open it again',
				action: 'Set the visit status of a mini program',
			},
			{
				name: 'Speed Up Audit',
				value: 'speedUpAudit',
				description: 'Ask WeChat to review a running audit sooner',
				action: 'Speed up the audit of a mini program',
			},
			{
				name: 'Submit for Audit',
				value: 'submitForAudit',
				description: 'Send the test version to WeChat for audit',
				action: 'Submit a mini program for audit',
			},
			{
				name: 'Upload Audit Media',
				value: 'uploadAuditMedia',
				description: 'Upload a screenshot or screen recording for the reviewers',
				action: 'Upload audit media for a mini program',
			},
			{
				name: 'Withdraw Audit',
				value: 'withdrawAudit',
				description: 'Withdraw the running audit',
				action: 'Withdraw the audit of a mini program',
			},
		],
		default: 'commit',
	},
	...commit.description,
	...getAuditQuota.description,
	...getAuditStatus.description,
	...getCategories.description,
	...getGrayReleasePlan.description,
	...getPages.description,
	...getTestQrCode.description,
	...getVersionInfo.description,
	...grayRelease.description,
	...release.description,
	...revertGrayRelease.description,
	...rollBackRelease.description,
	...setVisitStatus.description,
	...speedUpAudit.description,
	...submitForAudit.description,
	...uploadAuditMedia.description,
	...withdrawAudit.description,
];
