import path from 'node:path';
import type { Browser, BrowserContext } from 'playwright-core';
import { createManualClock } from '../../src/shared/clock';
import { enterRoom, makeRoom, makeUser } from '../support/factories';
import { emitWithAck, joinRoom } from '../support/socket-client';
import { startTestApp, type TestApp } from '../support/test-app';
import { eventually, launchChromium, newUserContext, openSignedIn } from './support/chromium';

/**
 * The shared timer's display from its very first frame: a 10-minute timer must never show more than 10 minutes.
 * (It once did for up to 200 ms after a start, counting from the panel's last tick instead of the state's arrival,
 * which made room.test.ts's pause comparison fail when it read a browser still in that window.)
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
const DURATION_MS = 10 * 60_000;

let t: TestApp;
let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]' });
  browser = await launchChromium();
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

test('a started timer shows at most its duration, from the first frame it runs', async () => {
  const user = await makeUser(t);
  const room = await makeRoom(t, user);
  context = await newUserContext(browser, t.url);
  const page = await openSignedIn(context, user.token, `/room/${room.id}`);
  const display = page.getByTestId('timer-display');
  await display.waitFor();
  await page.getByTestId('self-tile').waitFor();

  // Every value the display takes while running, caught as React writes it (polling could miss a 200 ms window).
  await display.evaluate((el) => {
    const seen: number[] = [];
    (globalThis as unknown as { runningValues: number[] }).runningValues = seen;
    // The test compiles without DOM types; this is the browser's MutationObserver.
    const Observer = (globalThis as unknown as { MutationObserver: new (cb: () => void) => { observe(node: unknown, options: object): void } }).MutationObserver;
    const target = el as unknown as { getAttribute(name: string): string | null };
    new Observer(() => {
      if (target.getAttribute('data-status') === 'running') seen.push(Number(target.getAttribute('data-remaining-ms')));
    }).observe(el, { attributes: true, attributeFilter: ['data-status', 'data-remaining-ms'] });
  });

  await page.locator('input[name="hours"]').fill('0');
  await page.locator('input[name="minutes"]').fill('10');
  await page.locator('input[name="seconds"]').fill('0');
  await page.getByTestId('timer-start').click();
  await page.locator('[data-testid="timer-display"][data-status="running"]').waitFor();
  // A few ticks, so the values cover the first frame and the steady countdown after it.
  const values = await eventually(async () => {
    const seen = await page.evaluate(() => (globalThis as unknown as { runningValues: number[] }).runningValues);
    return seen.length >= 3 ? seen : null;
  }, { what: 'three running timer values' });
  expect(Math.max(...values)).toBeLessThanOrEqual(DURATION_MS);
  expect(Math.min(...values)).toBeGreaterThan(DURATION_MS - 60_000);
  await expect(display.textContent()).resolves.toMatch(/^00:(10:00|09:\d\d)$/);
});

/** Counts the panel's cues: each oscillator's frequency as it starts (the page has no speakers to listen to). */
function recordCues() {
  type Node = { connect(next: Node): Node };
  const cues: number[] = [];
  (globalThis as unknown as { cues: number[] }).cues = cues;
  const node = (): Node => ({ connect: (next) => next });
  (globalThis as unknown as { AudioContext: unknown }).AudioContext = class {
    currentTime = 0;
    destination = node();
    resume = () => Promise.resolve();
    createGain = () => ({ ...node(), gain: { setValueAtTime: () => undefined, exponentialRampToValueAtTime: () => undefined } });
    createOscillator() {
      const tone = { ...node(), type: '', frequency: { value: 0 }, start: () => void cues.push(tone.frequency.value), stop: () => undefined };
      return tone;
    }
  };
}

test('a pomodoro started by another member shows its phase and round, and each phase change plays its own cue', async () => {
  // A clock of its own, so the phases end when the test moves it.
  const clock = createManualClock(Date.now());
  const app = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]' }, { clock });
  const ctx = await newUserContext(browser, app.url);
  try {
    const [user, other] = [await makeUser(app), await makeUser(app)];
    const room = await makeRoom(app, user);
    await enterRoom(app, other, room.id).expect(201);
    await ctx.addInitScript(recordCues);
    const page = await openSignedIn(ctx, user.token, `/room/${room.id}`);
    await page.getByTestId('self-tile').waitFor();
    const peer = await joinRoom(app.url, other.token, room.id);

    expect(await emitWithAck(peer.socket, 'start_timer', { mode: 'pomodoro', focusMinutes: 25, breakMinutes: 5, rounds: 4 })).toMatchObject({ ok: true });
    const phase = page.getByTestId('timer-phase');
    await page.locator('[data-testid="timer-phase"][data-phase="focus"]').waitFor();
    await expect(phase.textContent()).resolves.toBe('집중 · 1/4회');
    await expect(page.getByTestId('timer-display').textContent()).resolves.toMatch(/^00:(25:00|24:\d\d)$/);

    clock.advance(25 * 60_000);
    await page.locator('[data-testid="timer-phase"][data-phase="break"]').waitFor();
    await expect(phase.textContent()).resolves.toBe('휴식 · 1/4회');
    clock.advance(5 * 60_000);
    await page.locator('[data-testid="timer-phase"][data-phase="focus"]').waitFor();
    await expect(phase.textContent()).resolves.toBe('집중 · 2/4회');
    // A low tone for the break, a high one back to focus, and none for the start.
    await expect(page.evaluate(() => (globalThis as unknown as { cues: number[] }).cues)).resolves.toEqual([440, 880]);
    peer.socket.close();
  } finally {
    await ctx.close().catch(() => undefined);
    await app.close();
  }
});
