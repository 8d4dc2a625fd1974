import type { IDisplayOptions } from 'n8n-workflow';

/** `displayOptions` that show a field for the given resource and operation(s). */
export function showFor(
	resource: string,
	operation: string | string[],
	extra: IDisplayOptions['show'] = {},
): IDisplayOptions {
	return {
		show: {
			resource: [resource],
			operation: Array.isArray(operation) ? operation : [operation],
			...extra,
		},
	};
}
