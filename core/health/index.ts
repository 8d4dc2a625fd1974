export { HealthRecorder, PROCESS_RECORD_TTL_MS, type HealthRecorderOptions } from './recorder';
export * from './records';
export {
	DEFAULT_TICKET_MAX_AGE_MINUTES,
	readStatus,
	type AccountStatus,
	type ErrorView,
	type PlatformStatus,
	type StatusOptions,
} from './status';
