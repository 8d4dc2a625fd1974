import { createHash, randomBytes } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { settingsOf } from '../../simulator/wxaSettingsModel';
import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const MINI = {
	appId: 'wx6b6b6b6b6b6b6b6b',
	userName: 'gh_6b6b6b6b6b6b',
	nickName: 'Demo Mini Bakery',
	miniProgram: true,
	funcInfo: [17, 18],
};

beforeAll(async () => {
	h = await startActionHarness({ accounts: [OA, MINI] });
	// An upload API the simulator does not emulate: it answers what arrived, part by part.
	h.sim.addRoute(
		'/cgi-bin/test/echo_form',
		(req) => ({
			errcode: 0,
			fields: req.form?.fields,
			files: Object.fromEntries(
				Object.entries(req.form?.files ?? {}).map(([name, f]) => [
					name,
					{ filename: f.filename, contentType: f.contentType, sha256: sha(f.bytes) },
				]),
			),
		}),
		{ token: 'authorizer' },
	);
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

function withFiles(
	files: Record<string, { bytes: Buffer; fileName?: string; mimeType: string }>,
): INodeExecutionData {
	return {
		json: { authorizerAppId: OA.appId },
		binary: Object.fromEntries(
			Object.entries(files).map(([property, f]) => [
				property,
				{ data: f.bytes.toString('base64'), mimeType: f.mimeType, fileName: f.fileName },
			]),
		),
	};
}

describe('API Request with a multipart body', () => {
	it('sends form fields and several files from binary properties, each with its name and type', async () => {
		const photo = randomBytes(2048);
		const clip = randomBytes(4096);
		const [out] = await h.run(
			{
				resource: 'apiRequest',
				operation: 'call',
				path: '/cgi-bin/test/echo_form',
				bodyContentType: 'multipart',
				files: {
					file: [
						{ field: 'media', binaryPropertyName: 'photo' },
						{ field: 'video', binaryPropertyName: 'clip' },
					],
				},
				formFields: { field: [{ name: 'description', value: '{"title":"t"}' }] },
			},
			[
				withFiles({
					photo: { bytes: photo, fileName: 'shot.png', mimeType: 'image/png' },
					clip: { bytes: clip, fileName: 'flow.mp4', mimeType: 'video/mp4' },
				}),
			],
		);
		expect(out.json).toEqual({
			errcode: 0,
			fields: { description: '{"title":"t"}' },
			files: {
				media: { filename: 'shot.png', contentType: 'image/png', sha256: sha(photo) },
				video: { filename: 'flow.mp4', contentType: 'video/mp4', sha256: sha(clip) },
			},
		});
		const request = h.sim.requests.find((r) => r.path === '/cgi-bin/test/echo_form')!;
		expect(request.method).toBe('POST');
		expect(h.sim.state.tokens.get(request.query.access_token)).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});
	});

	it('reaches a real upload API: /cgi-bin/media/upload stores the same bytes', async () => {
		const bytes = randomBytes(1500);
		const [out] = await h.run(
			{
				resource: 'apiRequest',
				operation: 'call',
				path: '/cgi-bin/media/upload',
				query: { parameter: [{ name: 'type', value: 'image' }] },
				bodyContentType: 'multipart',
			},
			[withFiles({ data: { bytes, mimeType: 'image/jpeg' } })],
		);
		const stored = h.sim.state.media.get(String(out.json.media_id))!;
		expect(stored.bytes.equals(bytes)).toBe(true);
		expect(stored.contentType).toBe('image/jpeg');
		// No file name on the item: one is made with the type's extension (WeChat checks it).
		expect(stored.filename).toBe('data.jpg');
		h.expectNoSecrets(out);
	});

	it('fails before calling WeChat for a missing or empty binary field', async () => {
		const base = {
			resource: 'apiRequest',
			operation: 'call',
			path: '/cgi-bin/test/echo_form',
			bodyContentType: 'multipart',
		};
		await expect(h.run(base, [{ json: { authorizerAppId: OA.appId } }])).rejects.toThrow(/data/);
		await expect(
			h.run(base, [withFiles({ data: { bytes: Buffer.alloc(0), mimeType: 'image/png' } })]),
		).rejects.toThrow(/empty/);
		expect(h.sim.count('/cgi-bin/test/echo_form')).toBe(0);
	});

	it('reaches /wxa/uploadmedia (audit media): mediaid and type; a file name without an allowed extension is 40005', async () => {
		const shot = randomBytes(900);
		const base = {
			resource: 'apiRequest',
			operation: 'call',
			path: '/wxa/uploadmedia',
			bodyContentType: 'multipart',
		};
		const [out] = await h.run(base, [
			{
				...withFiles({ data: { bytes: shot, fileName: 'home.png', mimeType: 'image/png' } }),
				json: { authorizerAppId: MINI.appId },
			},
		]);
		expect(out.json).toMatchObject({ errcode: 0, type: 'image', mediaid: expect.any(String) });
		const stored = settingsOf(h.sim.state).auditMedia.get(String(out.json.mediaid))!;
		expect(stored).toMatchObject({ appId: MINI.appId, type: 'image', filename: 'home.png' });
		expect(stored.bytes.equals(shot)).toBe(true);
		await expect(
			h.run(base, [
				{
					...withFiles({ data: { bytes: shot, fileName: 'notes.txt', mimeType: 'text/plain' } }),
					json: { authorizerAppId: MINI.appId },
				},
			]),
		).rejects.toThrow(/40005/);
	});
});

describe('Mini Program Code → Upload Audit Media', () => {
	it('uploads a screenshot as multipart "media" and returns the mediaid for Submit for Audit', async () => {
		const shot = randomBytes(1200);
		const [out] = await h.run(
			{ resource: 'miniProgramCode', operation: 'uploadAuditMedia', binaryPropertyName: 'shot' },
			[
				{
					...withFiles({ shot: { bytes: shot, fileName: 'checkout.jpg', mimeType: 'image/jpeg' } }),
					json: { authorizerAppId: MINI.appId },
				},
			],
		);
		const request = h.sim.requests.find((r) => r.path === '/wxa/uploadmedia')!;
		expect(request.body).toMatchObject({
			files: { media: { filename: 'checkout.jpg', contentType: 'image/jpeg', size: 1200 } },
		});
		expect(out.json).toMatchObject({
			authorizerAppId: MINI.appId,
			type: 'image',
			fileName: 'checkout.jpg',
			fileSize: 1200,
		});
		const stored = settingsOf(h.sim.state).auditMedia.get(String(out.json.mediaid))!;
		expect(stored.bytes.equals(shot)).toBe(true);
		h.expectNoSecrets(out);
	});

	it('a recording too large for WeChat (over 10 MB) is 40006 with a hint', async () => {
		const [out] = await h.run(
			{ resource: 'miniProgramCode', operation: 'uploadAuditMedia' },
			[
				{
					...withFiles({
						data: {
							bytes: Buffer.alloc(10 * 1024 * 1024 + 1, 1),
							fileName: 'flow.mp4',
							mimeType: 'video/mp4',
						},
					}),
					json: { authorizerAppId: MINI.appId },
				},
			],
			{ continueOnFail: true },
		);
		expect(out.json).toMatchObject({ errcode: 40006, hint: expect.stringMatching(/larger/) });
	});
});
