import { defineOperation } from '../../shared/operation';

export const { description, execute } = defineOperation('authorization', 'startTicketPush', {
	async run(_context, _itemIndex, { platform }) {
		const response = await platform.startPushTicket();
		// "ok": pushing was stopped and restarts now; "in a normal state": it was already running.
		return [{ json: { success: true, errmsg: response.errmsg } }];
	},
});
