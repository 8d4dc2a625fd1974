/** `/cgi-bin/ticket/getticket` on behalf of an Official Account (the account's token). */
import { wxError } from '../errors';
import { issueJsapiTicket } from '../jsapiTickets';
import { json, type ApiArea, type Handler } from './area';
import { authorizerFor, isResponse } from './guards';

const getTicket: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	// wx_card tickets exist too; the simulator emulates the JS-SDK one.
	if (req.query.type !== 'jsapi') return json(wxError(40097, 'type'));
	const ticket = issueJsapiTicket(state, acc.appId);
	if (typeof ticket === 'number') return json(wxError(ticket));
	return json({ errcode: 0, errmsg: 'ok', ticket, expires_in: state.tokenTtlSeconds });
};

export const jsSdk: ApiArea = {
	name: 'JS-SDK',
	routes: { '/cgi-bin/ticket/getticket': getTicket },
};
