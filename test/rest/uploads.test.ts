import fs from 'node:fs';
import path from 'node:path';
import { makeUser } from '../support/factories';
import { gifHeader, jpegHeader, pngHeader, webpHeader } from '../support/images';
import { startTestApp, type TestApp } from '../support/test-app';
import { rows } from './rest-support';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

// Real headers (the server reads each image's width and height), then some body bytes.
const PNG = Buffer.concat([pngHeader(32, 32), Buffer.alloc(64, 1)]);
const JPEG = Buffer.concat([jpegHeader(32, 32), Buffer.alloc(64, 2)]);
const GIF = Buffer.concat([gifHeader(32, 32), Buffer.alloc(64, 3)]);
const WEBP = Buffer.concat([webpHeader(32, 32), Buffer.alloc(64, 4)]);
const uploadedFiles = () => fs.readdirSync(path.join(t.tmp, 'uploads'));

describe('POST /api/upload/image', () => {
  it.each([
    ['png', PNG],
    ['jpg', JPEG],
    ['gif', GIF],
    ['webp', WEBP],
  ])('stores a %s recognised by its bytes and answers its URL as a bare JSON string, served back under /uploads/', async (ext, bytes) => {
    const user = await makeUser(t);
    // The declared name and type are deliberately wrong: only the bytes count.
    const res = await t.http().post('/api/upload/image').set(user.auth).attach('image', bytes, { filename: 'photo.txt', contentType: 'text/plain' }).expect(200);
    expect(typeof res.body).toBe('string');
    const url = new URL(res.body as string);
    expect(url.pathname).toMatch(new RegExp(`^/uploads/[0-9a-f-]{36}\\.${ext}$`));
    const served = await t.http().get(url.pathname).buffer(true).parse((r, cb) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => cb(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(Buffer.compare(served.body as Buffer, bytes)).toBe(0);
    // A client on another origin shows it in an <img>: helmet's same-origin default would block that.
    expect(served.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['cross-origin-resource-policy']).toBe('same-origin');
  });

  it('the issued URL is accepted as the profile image; the same file name on a foreign http host is not', async () => {
    const user = await makeUser(t);
    const url = (await t.http().post('/api/upload/image').set(user.auth).attach('image', PNG, 'a.png').expect(200)).body as string;
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: url }).expect(200);
    expect((await rows<{ profileImg: string }>(t, 'SELECT profileImg FROM users WHERE id = ?', [user.id]))[0]!.profileImg).toBe(url);

    const foreign = `http://evil.example${new URL(url).pathname}`;
    const res = await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: foreign }).expect(400);
    expect(res.body.code).toBe('VALIDATION');
    const missing = `${t.url}/uploads/00000000-0000-0000-0000-000000000000.png`;
    await t.http().patch('/api/user/me/profile/img').set(user.auth).send({ profileImg: missing }).expect(400);
    expect((await rows<{ profileImg: string }>(t, 'SELECT profileImg FROM users WHERE id = ?', [user.id]))[0]!.profileImg).toBe(url);
  });

  it('when the bytes are not an image, answers 400 VALIDATION in the envelope and stores no file', async () => {
    const user = await makeUser(t);
    const before = uploadedFiles().length;
    const res = await t.http().post('/api/upload/image').set(user.auth).attach('image', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), { filename: 'x.png', contentType: 'image/png' }).expect(400);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'VALIDATION' });
    expect(uploadedFiles().length).toBe(before);
  });

  it('when the file is over 2 MB, answers 413 TOO_LARGE and stores no file', async () => {
    const user = await makeUser(t);
    const before = uploadedFiles().length;
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024, 0)]);
    const res = await t.http().post('/api/upload/image').set(user.auth).attach('image', big, 'big.png').expect(413);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'TOO_LARGE' });
    expect(uploadedFiles().length).toBe(before);
  });

  it('when the field is missing or misnamed, answers 400; without a token, 401', async () => {
    const user = await makeUser(t);
    expect((await t.http().post('/api/upload/image').set(user.auth).field('other', 'x').expect(400)).body.code).toBe('VALIDATION');
    expect((await t.http().post('/api/upload/image').set(user.auth).attach('file', PNG, 'a.png').expect(400)).body.code).toBe('VALIDATION');
    expect((await t.http().post('/api/upload/image').set(user.auth).send({ image: 'x' }).expect(400)).body.code).toBe('VALIDATION');
    expect((await t.http().post('/api/upload/image').attach('image', PNG, 'a.png').expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('GET /uploads/ of a file that does not exist answers a JSON 404, not a 500', async () => {
    const res = await t.http().get('/uploads/00000000-0000-0000-0000-000000000000.png').expect(404);
    expect(res.body).toMatchObject({ isSuccess: false, code: 'NOT_FOUND' });
    await t.http().get('/uploads/..%2f..%2fetc%2fpasswd').expect(404);
  });
});
