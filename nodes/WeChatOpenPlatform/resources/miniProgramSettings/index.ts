import type { INodeProperties } from 'n8n-workflow';

import * as addServerDomains from './addServerDomains';
import * as addTester from './addTester';
import * as addWebViewDomains from './addWebViewDomains';
import * as deleteServerDomains from './deleteServerDomains';
import * as deleteWebViewDomains from './deleteWebViewDomains';
import { RESOURCE } from './domains';
import * as getEffectiveDomains from './getEffectiveDomains';
import * as getManyTesters from './getManyTesters';
import * as getServerDomains from './getServerDomains';
import * as getWebViewDomains from './getWebViewDomains';
import * as removeTester from './removeTester';
import * as setServerDomains from './setServerDomains';
import * as setWebViewDomains from './setWebViewDomains';

export {
	addServerDomains,
	addTester,
	addWebViewDomains,
	deleteServerDomains,
	deleteWebViewDomains,
	getEffectiveDomains,
	getManyTesters,
	getServerDomains,
	getWebViewDomains,
	removeTester,
	setServerDomains,
	setWebViewDomains,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [RESOURCE] } },
		options: [
			{
				name: 'Add Server Domains',
				value: 'addServerDomains',
				description: 'Add request, socket, upload, download, UDP or TCP domains to a mini program',
				action: 'Add server domains to a mini program',
			},
			{
				name: 'Add Tester',
				value: 'addTester',
				description: "Let a WeChat user open the mini program's test version",
				action: 'Add a tester to a mini program',
			},
			{
				name: 'Add Web-View Domains',
				value: 'addWebViewDomains',
				description: 'Add domains the web-view component may open',
				action: 'Add web view domains to a mini program',
			},
			{
				name: 'Delete Server Domains',
				value: 'deleteServerDomains',
				action: 'Delete server domains of a mini program',
			},
			{
				name: 'Delete Web-View Domains',
				value: 'deleteWebViewDomains',
				action: 'Delete web view domains of a mini program',
			},
			{
				name: 'Get Effective Domains',
				value: 'getEffectiveDomains',
				description: "The server domains in effect, the merchant's own and the platform's",
				action: 'Get the effective domains of a mini program',
			},
			{
				name: 'Get Many Testers',
				value: 'getManyTesters',
				action: 'Get many testers of a mini program',
			},
			{
				name: 'Get Server Domains',
				value: 'getServerDomains',
				action: 'Get the server domains of a mini program',
			},
			{
				name: 'Get Web-View Domains',
				value: 'getWebViewDomains',
				action: 'Get the web view domains of a mini program',
			},
			{
				name: 'Remove Tester',
				value: 'removeTester',
				action: 'Remove a tester from a mini program',
			},
			{
				name: 'Set Server Domains',
				value: 'setServerDomains',
				description: 'Replace all server domains of a mini program',
				action: 'Set the server domains of a mini program',
			},
			{
				name: 'Set Web-View Domains',
				value: 'setWebViewDomains',
				description: 'Replace all web-view domains of a mini program',
				action: 'Set the web view domains of a mini program',
			},
		],
		default: 'getServerDomains',
	},
	...getServerDomains.description,
	...setServerDomains.description,
	...addServerDomains.description,
	...deleteServerDomains.description,
	...getWebViewDomains.description,
	...setWebViewDomains.description,
	...addWebViewDomains.description,
	...deleteWebViewDomains.description,
	...getEffectiveDomains.description,
	...addTester.description,
	...removeTester.description,
	...getManyTesters.description,
];
