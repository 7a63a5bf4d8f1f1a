import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { enterRoom, makeRoom, makeUser, type TestUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { ICE_POLICY_KEY } from '../../web/src/room/ice-policy';
import { eventually, launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';
import { startCoturn, type Coturn } from './support/coturn';

/**
 * Video behind a network where only TURN gets through: both browsers are set to relay-only ICE, the server
 * hands out coturn REST-API credentials for a real coturn on loopback, and two people still see and hear each
 * other over relayed candidates. With a wrong TURN secret on the server the call cannot connect, and the room
 * says so instead of leaving a black tile.
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
const TURN_SECRET = randomBytes(16).toString('hex');

let coturn: Coturn;
let browser: Browser;
const contexts: BrowserContext[] = [];
const apps: TestApp[] = [];

/** Records every RTCPeerConnection the page makes, so the test can read getStats() (the app keeps them private). */
const RECORD_PEER_CONNECTIONS = `(() => {
  const Original = window.RTCPeerConnection;
  window.__peerConnections = [];
  window.RTCPeerConnection = class extends Original {
    constructor(...args) { super(...args); window.__peerConnections.push(this); }
  };
})();`;

/** For each connected peer connection: the selected pair's candidate types and the bytes received per kind. */
const READ_STATS = `(async () => {
  const out = [];
  for (const pc of window.__peerConnections) {
    if (pc.connectionState !== 'connected') continue;
    const stats = await pc.getStats();
    let pair;
    stats.forEach((s) => { if (s.type === 'transport' && s.selectedCandidatePairId) pair = stats.get(s.selectedCandidatePairId); });
    if (!pair) stats.forEach((s) => { if (s.type === 'candidate-pair' && s.nominated && s.state === 'succeeded') pair = s; });
    const received = { audio: 0, video: 0 };
    stats.forEach((s) => { if (s.type === 'inbound-rtp') received[s.kind] += s.bytesReceived; });
    out.push({
      local: pair ? stats.get(pair.localCandidateId)?.candidateType : null,
      remote: pair ? stats.get(pair.remoteCandidateId)?.candidateType : null,
      received,
    });
  }
  return out;
})()`;

type CallStats = { local: string | null; remote: string | null; received: { audio: number; video: number } };
const callStats = (page: Page) => page.evaluate(READ_STATS) as Promise<CallStats[]>;

async function relayOnlyPage(t: TestApp, user: TestUser, pathName: string) {
  const context = await newUserContext(browser, t.url);
  contexts.push(context);
  await context.addInitScript(`window.localStorage.setItem(${JSON.stringify(ICE_POLICY_KEY)}, 'relay');`);
  await context.addInitScript(RECORD_PEER_CONNECTIONS);
  return openSignedIn(context, user.token, pathName);
}

/** Two members of one room, each on the room page with relay-only ICE. */
async function twoInARoom(t: TestApp) {
  const [alice, bob] = await Promise.all([makeUser(t), makeUser(t)]);
  const room = await makeRoom(t, alice);
  await enterRoom(t, bob, room.id).expect(201);
  const a = await relayOnlyPage(t, alice, `/room/${room.id}`);
  await a.getByTestId('self-tile').waitFor();
  const b = await relayOnlyPage(t, bob, `/room/${room.id}`);
  await b.getByTestId('self-tile').waitFor();
  return { alice, bob, a, b };
}

const tileOf = (page: Page, user: TestUser) => page.locator(`[data-testid="peer-tile"][data-user-id="${user.id}"]`);

beforeAll(async () => {
  coturn = await startCoturn(TURN_SECRET);
  browser = await launchChromium();
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await browser?.close();
  for (const app of apps) await app.close();
  await coturn?.stop();
});

test('relay-only ICE through a real coturn: both see and hear each other, over relayed candidates', async () => {
  const t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]', TURN_SECRET, TURN_URLS: coturn.url });
  apps.push(t);
  const { alice, bob, a, b } = await twoInARoom(t);
  for (const [page, other] of [[a, bob], [b, alice]] as const) {
    await eventually(async () => (await tileOf(page, other).getAttribute('data-peer-state')) === 'connected', { timeoutMs: 30_000, what: `a relayed call to ${other.nickname}` });
  }
  for (const page of [a, b]) {
    const first = await eventually(async () => {
      const [call] = await callStats(page);
      return call && call.received.audio > 0 && call.received.video > 0 ? call : null;
    }, { what: 'audio and video bytes over the relayed call' });
    expect(first).toMatchObject({ local: 'relay', remote: 'relay' });
    // Media keeps flowing: both kinds grow.
    await eventually(async () => {
      const [call] = await callStats(page);
      return !!call && call.received.audio > first.received.audio && call.received.video > first.received.video;
    }, { what: 'audio and video still arriving' });
  }
  await screenshot(b, 'turn-relay-connected');
}, 90_000);

test('with a wrong TURN secret on the server the call cannot connect, and the room says so', async () => {
  const t = await startTestApp({ WEB_DIR, ICE_SERVERS: '[]', TURN_SECRET: `${TURN_SECRET}-wrong`, TURN_URLS: coturn.url });
  apps.push(t);
  const { alice, bob, a, b } = await twoInARoom(t);
  for (const [page, other] of [[a, bob], [b, alice]] as const) {
    const tile = tileOf(page, other);
    await tile.waitFor();
    await eventually(async () => (await tile.getAttribute('data-peer-state')) === 'failed', { timeoutMs: 60_000, what: `the call to ${other.nickname} given up` });
    await expect(tile.getByRole('status').textContent()).resolves.toBe(texts.room.callFailed);
  }
  expect(await callStats(a)).toEqual([]);
  await screenshot(a, 'turn-relay-failed');
}, 120_000);
