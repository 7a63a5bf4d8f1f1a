import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { AppError } from '../errors';
import { requestOrigin } from '../http/respond';

const MAX_BYTES = 2 * 1024 * 1024;

/** Magic numbers, because a client-declared MIME type proves nothing about the bytes. */
const SIGNATURES: { ext: string; test: (b: Buffer) => boolean }[] = [
  { ext: 'png', test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  { ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { ext: 'gif', test: (b) => b.subarray(0, 6).toString('latin1') === 'GIF87a' || b.subarray(0, 6).toString('latin1') === 'GIF89a' },
  { ext: 'webp', test: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP' },
];

const ISSUED_NAME = /^[0-9a-f-]{36}\.(png|jpg|gif|webp)$/;

export function createUploads({ uploadDir, publicUrl }: { uploadDir: string; publicUrl?: string }) {
  fs.mkdirSync(uploadDir, { recursive: true });
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_BYTES, files: 1, fields: 5 } });

  const baseUrl = (req: Request) => publicUrl ?? requestOrigin(req);

  /**
   * An https URL, or the URL of a file this server issued and still holds. "Issued" includes the origin
   * (PUBLIC_URL, else the request's own), so an issued file name on a foreign plain-http host is refused.
   */
  async function isAcceptableImageUrl(url: string, requestOrigin: string): Promise<boolean> {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    const ownOrigin = new URL(publicUrl ?? requestOrigin).origin;
    const match = /^\/uploads\/([^/]+)$/.exec(parsed.pathname);
    if (parsed.origin === ownOrigin && match && ISSUED_NAME.test(match[1]!)) {
      return fs.promises.access(path.join(uploadDir, match[1]!)).then(() => true, () => false);
    }
    return parsed.protocol === 'https:';
  }

  function router(requireUser: RequestHandler): Router {
    const r = Router();
    r.post('/upload/image', requireUser, upload.single('image'), async (req, res) => {
      const file = req.file;
      if (!file) throw new AppError('VALIDATION', 'image: a file field named "image" is required');
      const kind = SIGNATURES.find((s) => s.test(file.buffer));
      if (!kind) throw new AppError('VALIDATION', 'image: must be a png, jpeg, webp or gif image');
      const name = `${randomUUID()}.${kind.ext}`;
      await fs.promises.writeFile(path.join(uploadDir, name), file.buffer);
      // The original client reads the body itself as the URL: a bare JSON string, not the envelope.
      res.status(200).json(`${baseUrl(req)}/uploads/${name}`);
    });
    return r;
  }

  // A missing file falls through to the JSON 404 (fallthrough: false would hand serve-static's own
  // 404 error to the error handler, which does not know it).
  const serve = express.static(uploadDir, { index: false, fallthrough: true, maxAge: '7d' });

  return { router, serve, isAcceptableImageUrl };
}
export type Uploads = ReturnType<typeof createUploads>;
