import { SimClock } from '../../simulator/clock';
import { randomComponentConfig } from '../../simulator/keys';
import { SimState } from '../../simulator/state';

/**
 * `npm start` restarts the simulator while n8n keeps its dedupe records (10 minutes): a MsgId used
 * before the restart would make the trigger answer a new message as a retry, with no run.
 */
describe('simulator MsgId', () => {
	afterEach(() => jest.restoreAllMocks());

	it('a restarted simulator never reuses the MsgIds of the one before', () => {
		const component = randomComponentConfig();
		const startedAt = Date.now();
		const now = jest.spyOn(Date, 'now').mockReturnValue(startedAt);
		const first = new SimState(component, new SimClock(), 7200);
		const used = new Set(Array.from({ length: 1000 }, () => first.nextMsgId()));
		// npm start restarted a few seconds later (stopping and starting n8n takes longer than that).
		now.mockReturnValue(startedAt + 3000);
		const restarted = new SimState(component, new SimClock(), 7200);
		const next = restarted.nextMsgId();
		expect(used.has(next)).toBe(false);
		expect(BigInt(next)).toBeGreaterThan(BigInt([...used].pop()!));
	});

	it('fits in 64 bits, as WeChat MsgIds do', () => {
		const id = BigInt(new SimState(randomComponentConfig(), new SimClock(), 7200).nextMsgId());
		expect(id).toBeLessThan(2n ** 63n);
	});
});
