import { randomBytes } from 'node:crypto';

import type { INodeExecutionData } from 'n8n-workflow';

import { startActionHarness, OA, type ActionHarness } from '../helpers/actionHarness';

let h: ActionHarness;
const trigger = { json: { authorizerAppId: OA.appId } };

beforeAll(async () => {
	h = await startActionHarness({ accounts: [OA] });
});
afterAll(() => h.close());
beforeEach(() => h.sim.clearRecords());

function withFile(
	bytes: Buffer,
	fileName: string,
	mimeType: string,
	property = 'data',
): INodeExecutionData {
	return {
		json: { authorizerAppId: OA.appId },
		binary: { [property]: { data: bytes.toString('base64'), mimeType, fileName } },
	};
}

describe('Media', () => {
	it('uploads temporary media as multipart "media" and downloads the same bytes', async () => {
		const bytes = randomBytes(3000);
		const [up] = await h.run(
			{ resource: 'media', operation: 'upload', mediaType: 'image', binaryPropertyName: 'photo' },
			[withFile(bytes, 'cat.png', 'image/png', 'photo')],
		);
		const upload = h.sim.requests.find((r) => r.path === '/cgi-bin/media/upload')!;
		expect(upload.query.type).toBe('image');
		expect(h.sim.state.tokens.get(upload.query.access_token)).toMatchObject({
			kind: 'authorizer',
			appId: OA.appId,
		});
		expect(up.json).toMatchObject({
			type: 'image',
			storage: 'temporary',
			fileName: 'cat.png',
			fileSize: 3000,
		});
		const mediaId = String(up.json.media_id);
		const stored = h.sim.state.media.get(mediaId)!;
		expect(stored.bytes.equals(bytes)).toBe(true);
		expect(stored.filename).toBe('cat.png');
		expect(stored.contentType).toBe('image/png');

		// The default Media ID follows a user's image message ($json.MediaId).
		const [down] = await h.run(
			{ resource: 'media', operation: 'download', binaryPropertyName: 'file' },
			[{ json: { authorizerAppId: OA.appId, MsgType: 'image', MediaId: mediaId } }],
		);
		const got = h.sim.requests.find((r) => r.path === '/cgi-bin/media/get')!;
		expect(got.query.media_id).toBe(mediaId);
		expect(down.json).toMatchObject({
			mediaId,
			fileName: 'cat.png',
			mimeType: 'image/png',
			fileSize: 3000,
		});
		expect(Buffer.from(down.binary!.file.data, 'base64').equals(bytes)).toBe(true);
		expect(down.pairedItem).toEqual({ item: 0 });
		h.expectNoSecrets(down.json);
	});

	it('uploads permanent material (video with its description) and downloads permanent images', async () => {
		const image = randomBytes(500);
		const [up] = await h.run(
			{ resource: 'media', operation: 'upload', storage: 'permanent', mediaType: 'image' },
			[withFile(image, 'logo.jpg', 'image/jpeg')],
		);
		expect(
			h.sim.requests.find((r) => r.path === '/cgi-bin/material/add_material')!.query.type,
		).toBe('image');
		const [down] = await h.run(
			{
				resource: 'media',
				operation: 'download',
				storage: 'permanent',
				mediaId: String(up.json.media_id),
			},
			[trigger],
		);
		expect(h.sim.requests.find((r) => r.path === '/cgi-bin/material/get_material')!.body).toEqual({
			media_id: up.json.media_id,
		});
		expect(Buffer.from(down.binary!.data.data, 'base64').equals(image)).toBe(true);

		const [video] = await h.run(
			{
				resource: 'media',
				operation: 'upload',
				storage: 'permanent',
				mediaType: 'video',
				videoTitle: 'Intro',
				videoIntroduction: 'About us',
			},
			[withFile(randomBytes(800), 'intro.mp4', 'video/mp4')],
		);
		expect(h.sim.state.media.get(String(video.json.media_id))!.description).toEqual({
			title: 'Intro',
			introduction: 'About us',
		});
		// WeChat answers a permanent video with JSON (its download URL) instead of the file.
		const [videoInfo] = await h.run(
			{
				resource: 'media',
				operation: 'download',
				storage: 'permanent',
				mediaId: String(video.json.media_id),
			},
			[trigger],
		);
		expect(videoInfo.binary).toBeUndefined();
		expect(videoInfo.json).toMatchObject({ title: 'Intro', description: 'About us' });
		expect(String(videoInfo.json.down_url)).toContain(String(video.json.media_id));
	});

	it('fails clearly for a missing binary field, an unknown media id (40007) and a permanent video without title', async () => {
		await expect(h.run({ resource: 'media', operation: 'upload' }, [trigger])).rejects.toThrow();
		expect(h.sim.count('/cgi-bin/media/upload')).toBe(0);
		await expect(
			h.run({ resource: 'media', operation: 'download', mediaId: 'nope' }, [trigger]),
		).rejects.toThrow(/40007/);
		await expect(
			h.run({ resource: 'media', operation: 'upload', storage: 'permanent', mediaType: 'video' }, [
				withFile(randomBytes(10), 'v.mp4', 'video/mp4'),
			]),
		).rejects.toThrow(/Video Title/);
		expect(h.sim.count('/cgi-bin/material/add_material')).toBe(0);
	});
});
