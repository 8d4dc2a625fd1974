import { wxError } from '../errors';
import { jsonObject, type SimRequest, type SimResponse } from '../http';
import { TEMP_MEDIA_TTL_MS, type Authorizer, type StoredMedia } from '../model';
import { randomToken, type SimState } from '../state';
import { json, type ApiArea, type Handler } from './area';
import { authorizerFor, isResponse } from './guards';

/** WeChat's size limits per media type (bytes). */
const MAX_SIZE: Record<string, number> = {
	image: 10 * 1024 * 1024,
	voice: 2 * 1024 * 1024,
	video: 10 * 1024 * 1024,
	thumb: 64 * 1024,
};

function takeUpload(
	req: SimRequest,
	acc: Authorizer,
	state: SimState,
	permanent: boolean,
): StoredMedia | SimResponse {
	const type = req.query.type;
	if (!type || !(type in MAX_SIZE)) return json(wxError(40004));
	const file = req.form?.files.media;
	if (!file || file.bytes.length === 0) return json(wxError(41005));
	if (file.bytes.length > MAX_SIZE[type]) return json(wxError(40006));
	const media: StoredMedia = {
		appId: acc.appId,
		permanent,
		type,
		bytes: file.bytes,
		contentType: file.contentType,
		filename: file.filename,
		createdAt: state.clock.now(),
	};
	if (permanent && type === 'video') {
		try {
			media.description = JSON.parse(
				req.form?.fields.description ?? '',
			) as StoredMedia['description'];
		} catch {
			return json(wxError(40097, 'description'));
		}
	}
	return media;
}

const isMedia = (v: StoredMedia | SimResponse): v is StoredMedia => 'bytes' in v;

/** Stored media of this account, not expired; undefined when WeChat would answer 40007. */
function findMedia(
	state: SimState,
	acc: Authorizer,
	id: unknown,
	permanent: boolean,
): StoredMedia | undefined {
	const media = typeof id === 'string' ? state.media.get(id) : undefined;
	if (!media || media.appId !== acc.appId || media.permanent !== permanent) return undefined;
	if (!permanent && state.clock.now() - media.createdAt > TEMP_MEDIA_TTL_MS) return undefined;
	return media;
}

function fileResponse(media: StoredMedia): SimResponse {
	const name = media.filename.replace(/["\\\r\n]/g, '_');
	return {
		status: 200,
		headers: {
			'content-type': media.contentType,
			'content-disposition': `attachment; filename="${name}"`,
			'cache-control': 'no-cache, must-revalidate',
		},
		body: media.bytes,
	};
}

const upload: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const media = takeUpload(req, acc, state, false);
	if (!isMedia(media)) return media;
	const id = randomToken('', 48);
	state.media.set(id, media);
	const out: Record<string, unknown> = {
		type: media.type,
		media_id: id,
		created_at: Math.floor(media.createdAt / 1000),
	};
	// Real WeChat names the id `thumb_media_id` for thumbs; both are given so either reader works.
	if (media.type === 'thumb') out.thumb_media_id = id;
	return json(out);
};

const get: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const media = findMedia(state, acc, req.query.media_id, false);
	return media ? fileResponse(media) : json(wxError(40007));
};

const addMaterial: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const media = takeUpload(req, acc, state, true);
	if (!isMedia(media)) return media;
	const id = randomToken('', 32);
	state.media.set(id, media);
	const out: Record<string, unknown> = { media_id: id };
	if (media.type === 'image') out.url = `http://mmbiz.qpic.cn/mmbiz_png/${id}/0?wx_fmt=png`;
	return json(out);
};

const getMaterial: Handler = (req, { state }) => {
	const acc = authorizerFor(req, state);
	if (isResponse(acc)) return acc;
	const media = findMedia(state, acc, jsonObject(req).media_id, true);
	if (!media) return json(wxError(40007));
	if (media.type === 'video') {
		return json({
			title: media.description?.title ?? '',
			description: media.description?.introduction ?? '',
			down_url: `http://mmbiz.qpic.cn/video/${String(jsonObject(req).media_id)}`,
		});
	}
	return fileResponse(media);
};

export const media: ApiArea = {
	name: 'media',
	routes: {
		'/cgi-bin/media/upload': upload,
		'/cgi-bin/media/get': get,
		'/cgi-bin/material/add_material': addMaterial,
		'/cgi-bin/material/get_material': getMaterial,
	},
};
