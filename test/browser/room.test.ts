import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { createManualClock } from '../../src/shared/clock';
import { makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { eventually, launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';

/**
 * Two to five real Chromiums, each with its own profile and a fake camera, using the built client against the
 * real server: the room must carry video both ways, chat, emoticons, the shared timer and the capacity of 4.
 * The server runs on a manual clock so the session can last 25 minutes in a moment, for the records page.
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
const SESSION_MINUTES = 25;

let t: TestApp;
let browser: Browser;
const clock = createManualClock(Date.now());
const contexts: BrowserContext[] = [];
let alice: Page;
let bob: Page;
let roomTitle: string;

async function newContext() {
  const context = await newUserContext(browser, t.url);
  contexts.push(context);
  return context;
}

const peerTiles = (page: Page) => page.locator('[data-testid="peer-tile"]');

/** Video really plays: the element knows its size and its clock moves on. */
async function videoIsPlaying(page: Page, tile: ReturnType<Page['locator']>) {
  const sample = () => tile.locator('video').evaluate((el) => {
    // The test compiles without DOM types; these are HTMLVideoElement fields.
    const v = el as unknown as { videoWidth: number; currentTime: number };
    return { width: v.videoWidth, time: v.currentTime };
  });
  const first = await eventually(async () => ((await sample()).width > 0 ? sample() : null), { what: 'a remote video with a size' });
  await eventually(async () => (await sample()).time > first.time, { what: 'remote video time to advance' });
  return first.width;
}

async function remainingMs(page: Page) {
  return Number(await page.getByTestId('timer-display').getAttribute('data-remaining-ms'));
}

async function enterFromList(page: Page, title: string) {
  await page.getByTestId('room-card').filter({ hasText: title }).click();
}

beforeAll(async () => {
  // No STUN: the machine may be offline, and host candidates are all two local browsers need.
  t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]' }, { clock });
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

test('a visitor signs up, creates a room, and a guest enters it from the list', async () => {
  const aliceContext = await newContext();
  alice = await aliceContext.newPage();
  await alice.goto('/');
  await alice.getByRole('button', { name: texts.auth.toSignup }).click();
  await alice.locator('input[name="origin"]').fill(`alice-${Date.now()}@example.com`);
  await alice.locator('input[name="nickname"]').fill('alice');
  // Not a common password: the server refuses those at sign-up (src/auth/common-passwords.ts).
  await alice.locator('input[name="pwd"]').fill('quiet-river-42');
  await alice.getByTestId('auth-form').locator('button[type="submit"]').click();
  await alice.waitForURL('**/main');

  roomTitle = `study together ${Date.now() % 100000}`;
  await alice.getByTestId('create-room').click();
  await alice.locator('input[name="title"]').fill(roomTitle);
  await alice.locator('input[name="tags"]').fill('focus, quiet');
  await alice.getByTestId('create-dialog').locator('button[type="submit"]').click();
  await alice.waitForURL(/\/room\/\d+$/);
  await alice.getByTestId('self-tile').waitFor();

  const bobContext = await newContext();
  bob = await bobContext.newPage();
  await bob.goto('/');
  await bob.getByTestId('guest').click();
  await bob.waitForURL('**/main');
  await expect(bob.getByTestId('room-card').filter({ hasText: roomTitle }).textContent()).resolves.toContain('#focus');
  await enterFromList(bob, roomTitle);
  await bob.waitForURL(/\/room\/\d+$/);
});

test('both browsers reach a connected peer connection and play each other\'s video', async () => {
  for (const page of [alice, bob]) {
    await peerTiles(page).first().waitFor({ timeout: 20_000 });
    await eventually(async () => (await peerTiles(page).first().getAttribute('data-peer-state')) === 'connected', { what: 'a connected RTCPeerConnection' });
    expect(await videoIsPlaying(page, peerTiles(page).first())).toBeGreaterThan(0);
  }
  expect(await peerTiles(alice).count()).toBe(1);
});

test('chat messages, emoticons and mic state cross between the browsers', async () => {
  await bob.locator('input[name="message"]').fill('hello from bob');
  await bob.locator('input[name="message"]').press('Enter');
  await alice.getByTestId('chat-message').filter({ hasText: 'hello from bob' }).waitFor();
  await alice.locator('input[name="message"]').fill('hi bob');
  await alice.locator('input[name="message"]').press('Enter');
  await bob.getByTestId('chat-message').filter({ hasText: 'hi bob' }).waitFor();

  await alice.getByTestId('emoji-love').click();
  const onAlicesTile = peerTiles(bob).locator('[data-testid="tile-emoji"][data-emoji="love"]');
  await onAlicesTile.waitFor();
  await alice.getByTestId('self-tile').locator('[data-emoji="love"]').waitFor();
  // Shown for three seconds, then gone.
  await onAlicesTile.waitFor({ state: 'detached', timeout: 6_000 });

  await alice.getByTestId('toggle-audio').click();
  await eventually(async () => (await peerTiles(bob).first().getAttribute('data-audio')) === 'false', { what: "alice's muted mic on bob's screen" });
  await alice.getByTestId('toggle-audio').click();
  await eventually(async () => (await peerTiles(bob).first().getAttribute('data-audio')) === 'true', { what: "alice's mic back on" });
});

test('the timer started in one browser shows the same remaining time in the other', async () => {
  await alice.locator('input[name="hours"]').fill('0');
  await alice.locator('input[name="minutes"]').fill('10');
  await alice.locator('input[name="seconds"]').fill('0');
  await alice.getByTestId('timer-start').click();
  await bob.locator('[data-testid="timer-display"][data-status="running"]').waitFor();
  await alice.locator('[data-testid="timer-display"][data-status="running"]').waitFor();

  // Both browsers share this machine's clock, so the moment each expects zero must agree (a loaded machine
  // delays rendering, never this).
  const deadline = async (page: Page) => Number(await page.getByTestId('timer-display').getAttribute('data-deadline'));
  const [a, b] = await Promise.all([deadline(alice), deadline(bob)]);
  expect(a - Date.now()).toBeGreaterThan(9 * 60_000);
  expect(Math.abs(a - b)).toBeLessThan(1000);
  await expect(bob.getByTestId('timer-display').textContent()).resolves.toMatch(/^00:(10|09):\d\d$/);

  await bob.getByTestId('timer-pause').click();
  // Both must have rendered the paused state before their remaining times are compared.
  await alice.locator('[data-testid="timer-display"][data-status="paused"]').waitFor();
  await bob.locator('[data-testid="timer-display"][data-status="paused"]').waitFor();
  const [pausedA, pausedB] = await Promise.all([remainingMs(alice), remainingMs(bob)]);
  expect(pausedA).toBe(pausedB);

  await alice.getByTestId('timer-resume').click();
  await bob.locator('[data-testid="timer-display"][data-status="running"]').waitFor();
  await bob.getByTestId('timer-reset').click();
  await alice.locator('[data-testid="timer-display"][data-status="idle"]').waitFor();
});

test('a dropped connection reconnects by itself and comes back to the same room', async () => {
  const bobUserId = Number(await peerTiles(alice).first().getAttribute('data-user-id'));
  const oldSocketId = await peerTiles(alice).first().getAttribute('data-socket-id');
  const bobsSockets = [...t.app.io.sockets.sockets.values()].filter((s) => s.data.userId === bobUserId);
  expect(bobsSockets).toHaveLength(1);
  // Closing the transport (not a server-side disconnect) is what a network drop looks like to the client.
  bobsSockets[0]!.conn.close();

  await eventually(async () => {
    const tile = peerTiles(alice).first();
    return (await peerTiles(alice).count()) === 1 && (await tile.getAttribute('data-socket-id')) !== oldSocketId && (await tile.getAttribute('data-peer-state')) === 'connected';
  }, { what: "bob back on alice's screen over a new connection" });
  await videoIsPlaying(alice, peerTiles(alice).first());
  await eventually(async () => (await peerTiles(bob).first().getAttribute('data-peer-state')) === 'connected', { what: 'bob connected to alice again' });
  await expect(bob.getByTestId('chat-message').filter({ hasText: 'hello from bob' }).count()).resolves.toBe(1);
});

test('a third and a fourth user join the mesh, and a fifth is told the room is full', async () => {
  const others = await Promise.all([makeUser(t), makeUser(t), makeUser(t)]);
  const [carol, dave, erin] = others as [typeof others[0], typeof others[0], typeof others[0]];
  const roomPages = [alice, bob];
  for (const user of [carol, dave]) {
    const page = await openSignedIn(await newContext(), user.token);
    await enterFromList(page, roomTitle);
    await page.waitForURL(/\/room\/\d+$/);
    roomPages.push(page);
  }
  const peerStates = (page: Page) => peerTiles(page).evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-peer-state')));
  await eventually(async () => {
    const all = await Promise.all(roomPages.map(peerStates));
    return all.every((states) => states.length === 3 && states.every((s) => s === 'connected'));
  }, { timeoutMs: 60_000, what: 'a full mesh of four' }).catch(async (err: Error) => {
    await Promise.all(roomPages.map((p, i) => screenshot(p, `failed-mesh-${i}`)));
    const statuses = await Promise.all(roomPages.map((p) => p.locator('main').first().evaluate((el) => `${el.getAttribute('data-status')} ${el.textContent?.slice(0, 200)}`)));
    throw new Error(`${err.message}; peer states per page: ${JSON.stringify(await Promise.all(roomPages.map(peerStates)))} ${JSON.stringify(statuses)}`);
  });
  await videoIsPlaying(alice, peerTiles(alice).nth(2));
  await screenshot(alice, 'room-four-people');

  const erinPage = await openSignedIn(await newContext(), erin.token);
  await expect(erinPage.getByTestId('room-card').filter({ hasText: roomTitle }).textContent()).resolves.toContain(texts.rooms.people(4, 4));
  // A full room is visibly not enterable: its button says so and is disabled.
  const fullButton = erinPage.getByTestId('room-card').filter({ hasText: roomTitle }).getByRole('button', { name: texts.rooms.fullBadge });
  await expect(fullButton.isDisabled()).resolves.toBe(true);
  await enterFromList(erinPage, roomTitle);
  expect(erinPage.url()).toMatch(/\/main$/);
}, 240_000);

test('after leaving, my page charts the minutes the server measured and shows the badges', async () => {
  const aliceId = await bob.getByTestId('peer-tile').filter({ hasText: 'alice' }).getAttribute('data-user-id');
  clock.advance(SESSION_MINUTES * 60_000);
  await alice.getByTestId('leave').click();
  await alice.waitForURL('**/main');
  await eventually(async () => {
    const ids = await peerTiles(bob).evaluateAll((tiles) => tiles.map((tile) => tile.getAttribute('data-user-id')));
    return ids.length === 2 && !ids.includes(aliceId);
  }, { what: "alice's tile to go from bob's screen" });

  await alice.getByTestId('nav-mypage').click();
  await alice.waitForURL('**/mypage');
  // The recorder writes asynchronously after the leave: reload until the records include it.
  const minutes = await eventually(async () => {
    const value = Number(await alice.getByTestId('today-total').getAttribute('data-minutes', { timeout: 5_000 }));
    if (value > 0) return value;
    await alice.reload();
    return 0;
  }, { what: 'today minutes above zero' });
  expect(minutes).toBe(SESSION_MINUTES);
  await expect(alice.getByTestId('today-total').textContent()).resolves.toBe(texts.my.todayTotal(SESSION_MINUTES));
  // The month is a calendar table: today's cell carries the minutes too.
  const todayCell = alice.getByTestId('chart-month').locator('td[aria-current="date"]');
  await expect(todayCell.getAttribute('data-minutes')).resolves.toBe(String(SESSION_MINUTES));
  for (const chart of ['chart-today', 'chart-week']) {
    const size = await alice.getByTestId(chart).evaluate((el) => {
      const c = el as unknown as { width: number; height: number };
      return c.width * c.height;
    });
    expect(size).toBeGreaterThan(0);
  }
  // The whole catalogue: the original client's nine and the streak badges 10 and 11.
  await expect(alice.getByTestId('badge').count()).resolves.toBe(11);
  await expect(alice.locator('[data-testid="badge"][data-owned="false"]').count()).resolves.toBeGreaterThan(0);
  await screenshot(alice, 'my-page');
});
