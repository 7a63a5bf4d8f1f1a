import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { eventually, launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';

/**
 * A secret room through the UI: made with a password in the create dialog, shown locked in another user's list,
 * refused on a wrong password (with the dialog's message, and no navigation) and entered on the right one.
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
const PASSWORD = 'open1234';

let t: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let aliceUser: TestUser;
let bobUser: TestUser;
let alice: Page;
let bob: Page;
const roomTitle = `secret ${Date.now() % 100000}`;

async function signedIn(user: TestUser) {
  const context = await newUserContext(browser, t.url);
  contexts.push(context);
  return openSignedIn(context, user.token);
}

const card = (page: Page) => page.getByTestId('room-card').filter({ hasText: roomTitle });
const passwordDialog = (page: Page) => page.getByTestId('password-dialog');

/** The other user's tile, over a connected peer connection: what "seeing each other" means in room.test.ts. */
async function seesConnected(page: Page, other: TestUser) {
  const tile = page.locator(`[data-testid="peer-tile"][data-user-id="${other.id}"]`);
  await tile.waitFor({ timeout: 20_000 });
  await eventually(async () => (await tile.getAttribute('data-peer-state')) === 'connected', { what: `a connected peer connection to ${other.nickname}` });
  await expect(tile.textContent()).resolves.toContain(other.nickname);
}

beforeAll(async () => {
  // No STUN: the machine may be offline, and host candidates are all two local browsers need.
  t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]' });
  browser = await launchChromium();
  [aliceUser, bobUser] = await Promise.all([makeUser(t), makeUser(t)]);
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

test('alice creates a secret room with a password in the create dialog', async () => {
  alice = await signedIn(aliceUser);
  await alice.getByTestId('create-room').click();
  const dialog = alice.getByTestId('create-dialog');
  await dialog.locator('input[name="title"]').fill(roomTitle);
  await expect(dialog.locator('input[name="pwd"]').count()).resolves.toBe(0);
  await dialog.getByLabel(texts.create.secret).check();
  await dialog.locator('input[name="pwd"]').fill(PASSWORD);
  await dialog.locator('button[type="submit"]').click();
  await alice.waitForURL(/\/room\/\d+$/);
  await alice.getByTestId('self-tile').waitFor();
});

test('bob sees it locked; a wrong password shows the dialog\'s error and leaves him on the list', async () => {
  bob = await signedIn(bobUser);
  await card(bob).waitFor();
  await card(bob).getByTitle(texts.rooms.secret).waitFor();
  await expect(card(bob).textContent()).resolves.toContain(texts.rooms.people(1, 4));

  await card(bob).click();
  await passwordDialog(bob).waitFor();
  await expect(passwordDialog(bob).locator('h2').textContent()).resolves.toContain(roomTitle);
  await passwordDialog(bob).getByPlaceholder(texts.rooms.passwordPrompt).fill('wrong999');
  await passwordDialog(bob).getByRole('button', { name: texts.rooms.enter, exact: true }).click();
  await expect(passwordDialog(bob).getByRole('alert').textContent()).resolves.toBe(texts.rooms.wrongPassword);
  expect(new URL(bob.url()).pathname).toBe('/main');
  // Refused means not let in: the room still has alice alone.
  const rooms = await t.http().get('/api/rooms?q=all&p=1').set(bobUser.auth).expect(200);
  expect(rooms.body.data.find((r: { title: string }) => r.title === roomTitle)?.participantCnt).toBe(1);
  await screenshot(bob, 'secret-room-wrong-password');
});

test('the right password enters the room, and alice and bob see each other', async () => {
  await passwordDialog(bob).getByPlaceholder(texts.rooms.passwordPrompt).fill(PASSWORD);
  await passwordDialog(bob).getByRole('button', { name: texts.rooms.enter, exact: true }).click();
  await bob.waitForURL(/\/room\/\d+$/);
  await seesConnected(bob, aliceUser);
  await seesConnected(alice, bobUser);
  expect(bob.url()).toBe(alice.url());
});
