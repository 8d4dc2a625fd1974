import type { Logger } from 'n8n-workflow';

export interface LogEntry {
	level: 'error' | 'warn' | 'info' | 'debug';
	message: string;
	metadata?: unknown;
}

/** n8n's logger, keeping what a node logs for assertions (e.g. that no secret appears). */
export class RecordingLogger {
	readonly entries: LogEntry[] = [];
	/** `level: message` per entry, as a live array. */
	readonly lines: string[] = [];

	readonly logger: Logger = {
		error: (message, metadata) => this.add('error', message, metadata),
		warn: (message, metadata) => this.add('warn', message, metadata),
		info: (message, metadata) => this.add('info', message, metadata),
		debug: (message, metadata) => this.add('debug', message, metadata),
	};

	/** Everything logged, as one string (e.g. to assert that no secret appears). */
	text(): string {
		return this.entries
			.map((e) => `${e.level}: ${e.message} ${JSON.stringify(e.metadata ?? '')}`)
			.join('\n');
	}

	messages(level?: LogEntry['level']): string[] {
		return this.entries.filter((e) => !level || e.level === level).map((e) => e.message);
	}

	private add(level: LogEntry['level'], message: string, metadata?: unknown): void {
		this.entries.push({ level, message, metadata });
		this.lines.push(`${level}: ${message}`);
	}
}
