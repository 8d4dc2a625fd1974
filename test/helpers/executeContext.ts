/** Kept for branches written against the old path: the harness is ./n8n. */
export * from './n8n';
