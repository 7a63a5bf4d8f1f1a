import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import multer from 'multer';
import { Op } from 'sequelize';
import { AppError } from '../errors';
import { currentUser } from '../auth/require-user';
import { absoluteUrl } from '../shared/public-url';
import type { Models } from '../db/models';
import type { Clock } from '../shared/clock';
import { imageSize, type ImageKind } from './image-size';

const MAX_BYTES = 2 * 1024 * 1024;
/** Largest width and height: what a browser decodes is width × height × 4 bytes, whatever the file size. */
export const MAX_IMAGE_SIDE = 4096;

/** Magic numbers, because a client-declared MIME type proves nothing about the bytes. */
const SIGNATURES: { ext: ImageKind; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

const ISSUED_NAME = /^[0-9a-f-]{36}\.(png|jpg|gif|webp)$/;

export type UploadLimits = {
  /** Stored bytes per user: the sum of the files they uploaded that are still kept. */
  quotaBytes: number;
  /** A file no profile refers to is removed once it is this old. */
  unusedTtlMs: number;
};

type UploadsDeps = {
  uploadDir: string;
  /** This server's public base URL (PUBLIC_URL, or http://localhost:<port>); never the request's Host. */
  selfUrl: () => string;
  models: Pick<Models, 'Upload' | 'User'>;
  clock: Clock;
  limits: UploadLimits;
  /** Runs before each upload (the per-user rate limit). */
  uploadLimiter: RequestHandler;
};

export function createUploads({ uploadDir, selfUrl, models, clock, limits, uploadLimiter }: UploadsDeps) {
  const { Upload, User } = models;
  fs.mkdirSync(uploadDir, { recursive: true });
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });


  /** The file name when `url` points at a file this server issues (on its own origin), else undefined. */
  function issuedName(url: string): string | undefined {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return undefined;
    }
    const match = /^\/uploads\/([^/]+)$/.exec(parsed.pathname);
    if (parsed.origin !== new URL(selfUrl()).origin || !match || !ISSUED_NAME.test(match[1]!)) return undefined;
    return match[1];
  }

  /**
   * An https URL, or the URL of a file this server issued and still holds, uploaded by this user (or before
   * uploads had owners). Another user's upload is refused: it counts towards their quota and goes when
   * they replace it. "Issued" includes the origin, so an issued file name on a foreign plain-http host is refused.
   */
  async function isAcceptableImageUrl(url: string, userId: number): Promise<boolean> {
    const name = issuedName(url);
    if (name) {
      const row = await Upload.findByPk(name, { raw: true });
      if (row && row.userId !== userId) return false;
      return fs.promises.access(path.join(uploadDir, name)).then(() => true, () => false);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    return parsed.protocol === 'https:';
  }

  async function remove(names: string[]): Promise<void> {
    for (const name of names) {
      await fs.promises.rm(path.join(uploadDir, name), { force: true });
      await Upload.destroy({ where: { name } });
    }
  }

  /** A user's profile image changed from `previousUrl`: the file goes if it was theirs. */
  async function released(userId: number, previousUrl: string | null): Promise<void> {
    const name = previousUrl ? issuedName(previousUrl) : undefined;
    if (!name) return;
    const row = await Upload.findByPk(name, { raw: true });
    if (row?.userId === userId) await remove([name]);
  }

  /** Removes files older than the TTL that no profile refers to; `userId` limits it to that user's files. */
  async function sweepUnused(userId?: number): Promise<number> {
    const cutoff = new Date(clock.now() - limits.unusedTtlMs);
    const old = await Upload.findAll({ where: { createdAt: { [Op.lt]: cutoff }, ...(userId ? { userId } : {}) }, raw: true, limit: 500 });
    if (old.length === 0) return 0;
    const owners = await User.findAll({ where: { id: [...new Set(old.map((r) => r.userId))] }, attributes: ['id', 'profileImg'], raw: true });
    const inUse = new Set(owners.map((u) => u.profileImg?.split('/').pop()).filter(Boolean));
    const unused = old.filter((r) => !inUse.has(r.name)).map((r) => r.name);
    await remove(unused);
    return unused.length;
  }

  function router(requireUser: RequestHandler): Router {
    const r = Router();
    r.post('/upload/image', requireUser, uploadLimiter, upload.single('image'), async (req, res) => {
      const userId = currentUser(res).id;
      const file = req.file;
      if (!file) throw new AppError('VALIDATION', 'image: a file field named "image" is required');
      const kind = SIGNATURES.find((s) => s.test(file.buffer));
      if (!kind) throw new AppError('VALIDATION', 'image: must be a png, jpeg, webp or gif image');
      const size = imageSize(kind.ext, file.buffer);
      if (!size) throw new AppError('VALIDATION', 'image: 이미지의 크기를 읽을 수 없습니다.');
      if (size.width > MAX_IMAGE_SIDE || size.height > MAX_IMAGE_SIDE) {
        throw new AppError('VALIDATION', `image: 이미지는 가로, 세로 ${MAX_IMAGE_SIDE}픽셀 이하만 올릴 수 있습니다.`);
      }
      await sweepUnused(userId);
      const stored = (await Upload.sum('bytes', { where: { userId } })) ?? 0;
      if (Number(stored) + file.size > limits.quotaBytes) {
        throw new AppError('TOO_LARGE', '업로드할 수 있는 용량을 모두 사용했습니다. 사용하지 않는 이미지는 잠시 후 정리됩니다.');
      }
      const name = `${randomUUID()}.${kind.ext}`;
      await Upload.create({ name, userId, bytes: file.size, createdAt: new Date(clock.now()) });
      await fs.promises.writeFile(path.join(uploadDir, name), file.buffer).catch(async (err: unknown) => {
        await Upload.destroy({ where: { name } }).catch(() => undefined);
        throw err;
      });
      // The original client reads the body itself as the URL: a bare JSON string, not the envelope.
      res.status(200).json(absoluteUrl(selfUrl(), `/uploads/${name}`));
    });
    return r;
  }

  // A missing file falls through to the JSON 404 (fallthrough: false would hand serve-static's own
  // 404 error to the error handler, which does not know it).
  const serve = express.static(uploadDir, { index: false, fallthrough: true, maxAge: '7d' });

  return { router, serve, isAcceptableImageUrl, released, sweepUnused };
}
export type Uploads = ReturnType<typeof createUploads>;
