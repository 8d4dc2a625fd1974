/**
 * The one n8n test harness: fake contexts for every node method (hooks, webhook, execute,
 * listSearch), the webhook server, the parameter and expression rules they share, and the
 * recording logger. Modelled on n8n's packages/nodes-base/test/nodes/TriggerHelpers.ts.
 */
export * from './contexts';
export * from './expressions';
export * from './http';
export * from './logger';
export * from './node';
export * from './webhookServer';
