'use strict';
// Benchmark fixture for `npm run bench:e2e` (scripts/bench-e2e.mjs installs it next to the package in
// n8n's community-nodes folder; it is not part of the published package). The smallest community
// trigger built like ours: typeVersion 1 with the hidden `options.binaryData` default that keeps a
// push away from n8n's shared XML parser (so n8n evaluates that parameter in its expression engine
// on every request), a static path, and an answer from a later node. It reads the body and starts
// the workflow, nothing else: what a push costs through it is what n8n costs.
class BenchMinimalTrigger {
	constructor() {
		this.description = {
			displayName: 'Bench Minimal Trigger',
			name: 'benchMinimalTrigger',
			group: ['trigger'],
			version: 1,
			description: 'Starts the workflow on every POST and does nothing else (benchmark fixture)',
			defaults: { name: 'Bench Minimal Trigger' },
			inputs: [],
			outputs: ['main'],
			webhooks: [
				{ name: 'default', httpMethod: 'POST', responseMode: 'responseNode', path: 'minimal' },
			],
			properties: [
				{ displayName: 'Options', name: 'options', type: 'hidden', default: { binaryData: true } },
			],
		};
	}

	async webhook() {
		const request = this.getRequestObject();
		await request.readRawBody();
		return {
			workflowData: [[{ json: { Content: 'bench message', bytes: request.rawBody.length } }]],
		};
	}
}

module.exports = { BenchMinimalTrigger };
