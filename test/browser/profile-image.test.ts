import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { eventually, launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';

/** The profile picture on my page, through the file input a user clicks: a PNG becomes the avatar, a text file is refused. */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
/** A valid 1x1 PNG, small enough to read here. */
const PNG_1X1 = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let user: TestUser;
let uploadedUrl: string;

const avatar = () => page.getByTestId('profile').getByTestId('profile-img');
const fileInput = () => page.getByTestId('profile').locator('input[type="file"][name="image"]');

/** The image element has finished loading real pixels (a broken image is complete too, with width 0). */
const avatarLoaded = () => avatar().evaluate((el) => {
  // The test compiles without DOM types; these are HTMLImageElement fields.
  const img = el as unknown as { complete: boolean; naturalWidth: number };
  return img.complete && img.naturalWidth > 0;
});

beforeAll(async () => {
  t = await startTestApp({ WEB_DIR });
  browser = await launchChromium();
  user = await makeUser(t);
  context = await newUserContext(browser, t.url);
  page = await openSignedIn(context, user.token, '/mypage');
  await page.getByTestId('profile').waitFor();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

test('uploading a PNG through the file input makes it the avatar, served from /uploads/', async () => {
  await expect(avatar().count()).resolves.toBe(0);
  await fileInput().setInputFiles({ name: 'me.png', mimeType: 'image/png', buffer: PNG_1X1 });
  await page.getByTestId('notice').filter({ hasText: texts.my.saved }).waitFor();
  await avatar().waitFor();
  uploadedUrl = (await avatar().getAttribute('src')) ?? '';
  expect(uploadedUrl).toMatch(new RegExp(`^${t.url.replace(/[.]/g, '\\.')}/uploads/[0-9a-f-]{36}\\.png$`));
  await eventually(avatarLoaded, { what: 'the uploaded avatar to load' });

  // Stored, not only shown: the profile carries it, and a reload shows it again.
  const me = await t.http().get('/api/user/me').set(user.auth).expect(200);
  expect(me.body.data.user.profileImg).toBe(uploadedUrl);
  await page.reload();
  await avatar().waitFor();
  await expect(avatar().getAttribute('src')).resolves.toBe(uploadedUrl);
  await eventually(avatarLoaded, { what: 'the avatar to load after a reload' });
  await screenshot(page, 'profile-image');
});

test('a file that is not an image shows the upload error in Korean, with the limit, and keeps the avatar', async () => {
  const refusal = page.getByTestId('notice').filter({ hasText: texts.errors.byField.image! });
  const notImages = [
    { name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('just some text\n') },
    // Named and typed as a PNG by the browser: only the bytes tell.
    { name: 'fake.png', mimeType: 'image/png', buffer: Buffer.from('not a picture at all\n') },
  ];
  for (const file of notImages) {
    await fileInput().setInputFiles(file);
    // The server's English validator message becomes the client's sentence for the field, limit included.
    await refusal.waitFor();
    await expect(refusal.textContent()).resolves.toContain(texts.my.imageRule);
    await refusal.click(); // closes it, so the next file's refusal is a new one
    await refusal.waitFor({ state: 'detached' });
    await expect(avatar().getAttribute('src')).resolves.toBe(uploadedUrl);
  }
  const me = await t.http().get('/api/user/me').set(user.auth).expect(200);
  expect(me.body.data.user.profileImg).toBe(uploadedUrl);
});
