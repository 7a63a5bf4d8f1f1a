import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeRoom, makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { eventually, launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';

/**
 * The room page as people see it: three members, the participant list, the timer's end, screen sharing and
 * the phone layout, with screenshots in test-artifacts/ and axe-core finding no critical or serious problem.
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');

let t: TestApp;
let browser: Browser;
const contexts: BrowserContext[] = [];
let users: TestUser[];
let pages: Page[];
let roomId: number;

const peerTiles = (page: Page) => page.locator('[data-testid="peer-tile"]');

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.filter((v) => v.impact === 'critical' || v.impact === 'serious').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

beforeAll(async () => {
  t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]' });
  browser = await launchChromium();
  users = [await makeUser(t), await makeUser(t), await makeUser(t)];
  roomId = (await makeRoom(t, users[0]!, { tags: ['focus', 'quiet'] })).id;
  pages = [];
  for (const user of users) {
    const context = await newUserContext(browser, t.url);
    contexts.push(context);
    const page = await openSignedIn(context, user.token, `/room/${roomId}`);
    await page.getByTestId('self-tile').waitFor();
    pages.push(page);
  }
  await eventually(async () => {
    for (const page of pages) {
      const states = await peerTiles(page).evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-peer-state')));
      if (states.length !== 2 || states.some((s) => s !== 'connected')) return false;
    }
    return true;
  }, { timeoutMs: 60_000, what: 'a full mesh of three' });
}, 120_000);

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

test('three people: the header counts them, the participant list names them with their state, and axe finds nothing serious', async () => {
  const page = pages[0]!;
  await expect(page.getByTestId('people-count').textContent()).resolves.toContain(texts.room.people(3, 4));
  await expect(page.getByTestId('room-header').textContent()).resolves.toContain('#focus');
  await screenshot(page, 'room-three-people');

  await page.getByTestId('toggle-people').click();
  const list = page.getByRole('list', { name: texts.room.participants });
  await eventually(async () => (await list.getByRole('listitem').count()) === 3, { what: 'three participants' });
  await expect(list.getByTestId('participant-master').count()).resolves.toBe(1);
  await expect(page.getByTestId('toggle-people').getAttribute('aria-pressed')).resolves.toBe('true');

  await pages[1]!.getByTestId('toggle-audio').click();
  await eventually(async () => (await list.locator(`[data-user-id="${users[1]!.id}"] [aria-label="${texts.room.micMuted}"]`).count()) === 1, { what: "the second member's muted mic in the list" });
  await expect(pages[1]!.getByTestId('toggle-audio').getAttribute('aria-pressed')).resolves.toBe('false');
  await screenshot(page, 'room-participants');
  expect(await seriousViolations(page)).toEqual([]);
  await pages[1]!.getByTestId('toggle-audio').click();
});

test('chat links are links and nothing else is markup; the timer end is unmistakable and says who started it', async () => {
  const [a, b] = [pages[0]!, pages[1]!];
  await a.locator('input[name="message"]').fill('see https://example.com/x and <b>bold</b>');
  await a.locator('input[name="message"]').press('Enter');
  const line = b.getByTestId('chat-message').filter({ hasText: 'see' });
  await line.waitFor();
  await expect(line.locator('a').getAttribute('rel')).resolves.toBe('noopener noreferrer');
  await expect(line.locator('a').getAttribute('href')).resolves.toBe('https://example.com/x');
  await expect(line.locator('b').count()).resolves.toBe(0);

  await a.locator('input[name="minutes"]').fill('61');
  await expect(a.getByTestId('timer-start').isDisabled()).resolves.toBe(true);
  await expect(a.getByTestId('timer-problem').textContent()).resolves.toBe(texts.room.timerFormat);
  await a.locator('input[name="minutes"]').fill('0');
  await a.locator('input[name="seconds"]').fill('2');
  await a.getByTestId('timer-start').click();
  await expect(b.getByTestId('timer-by').textContent()).resolves.toBe(texts.room.timerBy(users[0]!.nickname, 'started'));
  await b.getByTestId('time-up').waitFor({ timeout: 10_000 });
  const shownAt = Date.now();
  await screenshot(b, 'room-timer-end');
  await b.getByTestId('time-up').waitFor({ state: 'detached', timeout: 10_000 });
  expect(Date.now() - shownAt).toBeGreaterThanOrEqual(4_500);
});

test('screen sharing replaces the camera for the others, and stopping brings the camera back', async () => {
  const [a, b] = [pages[0]!, pages[1]!];
  const remoteWidth = () =>
    peerTiles(b).filter({ hasText: users[0]!.nickname }).locator('video').evaluate((el) => (el as unknown as { videoWidth: number }).videoWidth);
  const cameraWidth = await remoteWidth();
  await a.getByTestId('toggle-share').click();
  await eventually(async () => (await a.getByTestId('toggle-share').getAttribute('aria-pressed')) === 'true', { what: 'sharing on' });
  await eventually(async () => (await remoteWidth()) !== cameraWidth, { what: 'the shared screen on the other side' });
  await screenshot(b, 'room-screen-sharing');
  await a.getByTestId('toggle-share').click();
  await eventually(async () => (await remoteWidth()) === cameraWidth, { what: 'the camera back on the other side' });
});

test('phone layout at 390x844: videos, controls fixed at the bottom, chat as a drawer; axe finds nothing serious', async () => {
  const page = pages[2]!;
  await page.setViewportSize({ width: 390, height: 844 });
  const bar = await page.getByTestId('controls').boundingBox();
  expect(bar && bar.y + bar.height).toBeGreaterThan(800);
  await screenshot(page, 'room-phone');
  await page.getByTestId('toggle-chat').click();
  await page.locator('input[name="message"]').waitFor();
  await screenshot(page, 'room-phone-chat');
  expect(await seriousViolations(page)).toEqual([]);
});
