/**
 * The node as a workflow holds it, and its parameters as n8n resolves them when it loads the
 * workflow (NodeHelpers.getNodeParameters: defaults filled in, parameters hidden by displayOptions
 * dropped), for every fake context of the harness.
 */
import { randomUUID } from 'node:crypto';

import {
	NodeHelpers,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
} from 'n8n-workflow';

export interface NodeOptions {
	/** The node type under test; its description gives name, version, defaults and webhooks. */
	nodeType?: INodeType;
	/** Node parameters as the workflow JSON holds them (only what the user set). */
	parameters?: IDataObject;
	/** Credential type names the node has a credential of. */
	credentialTypes?: string[];
	/** Overrides, e.g. `{ typeVersion: 1 }` for a workflow saved with an older version. */
	node?: Partial<INode>;
}

export const WEBHOOK_ID = '5f0c1a9e-6b1d-4f4e-9d0a-2c6e1b7a9f00';

function defaultVersionOf(nodeType: INodeType | undefined): number {
	const d = nodeType?.description;
	if (!d) return 1;
	return d.defaultVersion ?? (Array.isArray(d.version) ? Math.max(...d.version) : d.version);
}

export function fakeNode(o: NodeOptions): INode {
	const d = o.nodeType?.description;
	return {
		id: 'node-1',
		name: d?.defaults.name ?? d?.displayName ?? 'Node',
		type: `n8n-nodes-wechat-open-platform.${d?.name ?? 'test'}`,
		// New workflows get the node's default version, as in the editor.
		typeVersion: defaultVersionOf(o.nodeType),
		position: [0, 0],
		parameters: (o.parameters ?? {}) as INodeParameters,
		webhookId: WEBHOOK_ID,
		// As in n8n: the node references each credential by id; one id per context, as if each test
		// server had its own credential (the trigger keys its short credential reuse by this id).
		credentials: Object.fromEntries(
			(o.credentialTypes ?? []).map((type) => [
				type,
				{ id: randomUUID(), name: `${type} account` },
			]),
		),
		...o.node,
	};
}

/** The parameters n8n gives the node: what the workflow holds, completed with the defaults. */
export function nodeParameters(node: INode, nodeType: INodeType | undefined): IDataObject {
	if (!nodeType) return node.parameters as IDataObject;
	const { description } = nodeType;
	return (NodeHelpers.getNodeParameters(
		description.properties,
		node.parameters,
		true,
		false,
		node,
		description,
	) ?? {}) as IDataObject;
}
