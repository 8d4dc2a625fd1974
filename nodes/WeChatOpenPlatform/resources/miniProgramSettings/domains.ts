import type {
	IDataObject,
	IDisplayOptions,
	IExecuteFunctions,
	INodeProperties,
} from 'n8n-workflow';

import { withoutTokens } from '../../../../core/api/redact';
import { showFor } from '../../shared/display';
import { accountOperation } from '../../shared/operation';
import { toItems } from '../../shared/output';
import type { Operation } from '../../shared/types';

/**
 * Server domains (/wxa/modify_domain) and web-view domains (/wxa/setwebviewdomain) share one shape:
 * an `action` (get, add, delete, set) and lists of URLs. Each operation file is one call of
 * `serverDomainOperation` or `webViewDomainOperation`. WeChat's page (the web-view one is alike):
 * https://developers.weixin.qq.com/doc/oplatform/openApi/OpenApiDoc/miniprogram-management/domain-management/modifyServerDomain.html
 */
export const RESOURCE = 'miniProgramSettings';

export type DomainAction = 'get' | 'add' | 'delete' | 'set';

/** WeChat's field, our parameter, its label and the scheme WeChat requires for that kind. */
const SERVER_KINDS = [
	{ field: 'requestdomain', name: 'requestDomains', label: 'Request Domains', scheme: 'https' },
	{ field: 'wsrequestdomain', name: 'socketDomains', label: 'Socket Domains', scheme: 'wss' },
	{
		field: 'uploaddomain',
		name: 'uploadFileDomains',
		label: 'UploadFile Domains',
		scheme: 'https',
	},
	{
		field: 'downloaddomain',
		name: 'downloadFileDomains',
		label: 'DownloadFile Domains',
		scheme: 'https',
	},
	{ field: 'udpdomain', name: 'udpDomains', label: 'UDP Domains', scheme: 'udp' },
	{ field: 'tcpdomain', name: 'tcpDomains', label: 'TCP Domains', scheme: 'tcp' },
] as const;

function directlyField(operation: string, kind: 'server' | 'webView'): INodeProperties {
	const api = kind === 'server' ? 'modify_domain_directly' : 'setwebviewdomain_directly';
	return {
		displayName: 'Configure Directly',
		name: 'directly',
		type: 'boolean',
		default: false,
		description: `Whether to use ${api}: the domains need not be registered on the platform first, and WeChat applies them with the next code commit or release`,
		displayOptions: showFor(RESOURCE, operation),
	};
}

/**
 * A list typed as text (comma, space or line separated) or given as an array by an expression. An
 * entry without a scheme gets the kind's scheme: WeChat refuses bare host names.
 */
export function readDomainList(value: unknown, scheme: string): string[] {
	const entries = Array.isArray(value)
		? value.map((v) => String(v))
		: String(value ?? '').split(/[\s,;]+/);
	const out: string[] = [];
	for (const raw of entries) {
		const entry = raw.trim();
		if (!entry) continue;
		const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) ? entry : `${scheme}://${entry}`;
		if (!out.includes(withScheme)) out.push(withScheme);
	}
	return out;
}

/** WeChat's answer without its tokens and without `errcode`/`errmsg` (0 and "ok" once it got here). */
export function answerFields(response: IDataObject): IDataObject {
	const out = { ...withoutTokens(response) };
	delete out.errcode;
	delete out.errmsg;
	return out;
}

/** What differs between server and web-view domains: the API, its fields and how they are read. */
interface DomainKind {
	path: string;
	fields: (show: IDisplayOptions, action: DomainAction) => INodeProperties[];
	read: (context: IExecuteFunctions, itemIndex: number) => IDataObject;
}

const DOMAIN_KINDS: Record<'server' | 'webView', DomainKind> = {
	server: {
		path: '/wxa/modify_domain',
		fields: (show, action) =>
			SERVER_KINDS.map((kind) => ({
				displayName: kind.label,
				name: kind.name,
				type: 'string',
				default: '',
				placeholder: `${kind.scheme}://api.example.com`,
				description: `${kind.scheme}:// domains, separated by commas or new lines (${kind.scheme}:// is added when missing)${action === 'set' ? '; an empty list removes every domain of this kind' : ''}`,
				displayOptions: show,
			})),
		read(context, itemIndex) {
			const body: IDataObject = {};
			for (const kind of SERVER_KINDS) {
				body[kind.field] = readDomainList(
					context.getNodeParameter(kind.name, itemIndex, ''),
					kind.scheme,
				);
			}
			return body;
		},
	},
	webView: {
		path: '/wxa/setwebviewdomain',
		fields: (show, action) => [
			{
				displayName: 'Web-View Domains',
				name: 'webViewDomains',
				type: 'string',
				default: '',
				placeholder: 'https://www.example.com',
				description: `Domains the mini program's web-view component may open, separated by commas or new lines (https:// is added when missing)${action === 'set' ? '; an empty list removes them all' : ''}`,
				displayOptions: show,
			},
		],
		read: (context, itemIndex) => ({
			webviewdomain: readDomainList(
				context.getNodeParameter('webViewDomains', itemIndex, ''),
				'https',
			),
		}),
	},
};

function domainOperation(
	operation: string,
	action: DomainAction,
	kindName: 'server' | 'webView',
): Operation {
	const kind = DOMAIN_KINDS[kindName];
	return accountOperation(RESOURCE, operation, {
		fields: (show) => [
			directlyField(operation, kindName),
			...(action === 'get' ? [] : kind.fields(show, action)),
		],
		async run(context, itemIndex, { platform, appId }) {
			const body: IDataObject = {
				action,
				...(action === 'get' ? {} : kind.read(context, itemIndex)),
			};
			const directly = context.getNodeParameter('directly', itemIndex, false) as boolean;
			const response = await platform.authorizerRequest<IDataObject>(appId, {
				method: 'POST',
				path: directly ? `${kind.path}_directly` : kind.path,
				body,
			});
			return toItems({
				authorizerAppId: appId,
				...(action === 'get' ? {} : { success: true }),
				...answerFields(response),
			});
		},
	});
}

export function serverDomainOperation(operation: string, action: DomainAction): Operation {
	return domainOperation(operation, action, 'server');
}

export function webViewDomainOperation(operation: string, action: DomainAction): Operation {
	return domainOperation(operation, action, 'webView');
}
