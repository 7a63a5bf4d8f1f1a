import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { makeRoom, makeUser } from '../support/factories';
import { startTestApp, type TestApp } from '../support/test-app';
import { texts } from '../../web/src/texts';
import { launchChromium, newUserContext, openSignedIn, screenshot } from './support/chromium';
import { expectCardTitles } from './support/room-list';

/**
 * The main page's room list as a user pages through it: 16 rooms made over REST (page 1 holds 7 next to the
 * "create" card, later pages 8), then the "more" control, a text search and a category filter, all read off
 * the grid in the order it shows them.
 */
const WEB_DIR = path.resolve(__dirname, '..', '..', 'web', 'dist');
const ROOM_COUNT = 16;
const BEAUTY = 1;
const STUDY = 3;

let t: TestApp;
let browser: Browser;
let context: BrowserContext;
let page: Page;
/** Titles newest first, the order the server lists them in. */
let newestFirst: string[] = [];
let beautyNewestFirst: string[] = [];

const title = (n: number) => `page room ${String(n).padStart(2, '0')}`;
/** Room 5 has "sunrise" in its title, room 12 as a tag: a search must find both, by title and by tag. */
const SEARCH_WORD = 'sunrise';
const isBeauty = (n: number) => n % 5 === 3; // rooms 3, 8, 13: spread over all three pages

beforeAll(async () => {
  // Rooms whose creators never open a socket would be undone after the grace; these must stay for the test.
  t = await startTestApp({ WEB_DIR, RECONNECT_GRACE_MS: String(10 * 60_000) });
  browser = await launchChromium();
  // One owner per room: a user is in one room at a time, and creating another would move them out of the first.
  const owners = await Promise.all(Array.from({ length: ROOM_COUNT }, () => makeUser(t)));
  for (let n = 1; n <= ROOM_COUNT; n++) {
    const roomTitle = n === 5 ? `${title(n)} ${SEARCH_WORD}` : title(n);
    await makeRoom(t, owners[n - 1]!, { title: roomTitle, categoryId: isBeauty(n) ? BEAUTY : STUDY, tags: n === 12 ? [SEARCH_WORD] : [] });
    newestFirst.unshift(roomTitle);
    if (isBeauty(n)) beautyNewestFirst.unshift(roomTitle);
  }
  const viewer = await makeUser(t);
  context = await newUserContext(browser, t.url);
  page = await openSignedIn(context, viewer.token);
});

afterAll(async () => {
  await context?.close().catch(() => undefined);
  await browser?.close();
  await t?.close();
});

const more = () => page.getByRole('button', { name: texts.rooms.more, exact: true });

test('page 1 shows the 7 newest rooms; "more" adds the next 8, then the last one, in order, and then goes away', async () => {
  await expectCardTitles(page, newestFirst.slice(0, 7), 'page 1');
  await more().click();
  await expectCardTitles(page, newestFirst.slice(0, 15), 'pages 1-2');
  await more().click();
  await expectCardTitles(page, newestFirst, 'pages 1-3');
  await more().waitFor({ state: 'detached' });
  await screenshot(page, 'room-list-all-pages');
});

test('a text search shows only the rooms it matches, by title and by tag', async () => {
  const search = page.getByPlaceholder(texts.rooms.searchPlaceholder);
  await search.fill(SEARCH_WORD);
  await page.getByRole('button', { name: texts.rooms.search, exact: true }).click();
  await expectCardTitles(page, [title(12), `${title(5)} ${SEARCH_WORD}`], `search "${SEARCH_WORD}"`);
  await expect(more().count()).resolves.toBe(0);

  await page.getByRole('heading', { name: texts.rooms.searchResults(SEARCH_WORD) }).waitFor();

  await search.fill('no room is called this');
  await search.press('Enter');
  await page.getByRole('heading', { name: texts.rooms.searchResults('no room is called this') }).waitFor();
  await page.getByText(texts.rooms.searchEmpty('no room is called this')).waitFor();
  await expect(page.getByTestId('room-card').count()).resolves.toBe(0);

  // An empty search is the whole list again, from page 1.
  await search.fill('');
  await search.press('Enter');
  await expectCardTitles(page, newestFirst.slice(0, 7), 'page 1 after clearing the search');
});

test('a category filter shows only that category\'s rooms, and "all" brings the rest back', async () => {
  await page.getByRole('button', { name: texts.categoryNames.beauty, exact: true }).click();
  await expectCardTitles(page, beautyNewestFirst, 'the beauty category');
  const categoriesShown = await page.getByTestId('room-card').locator('.category').allTextContents();
  expect(new Set(categoriesShown)).toEqual(new Set([texts.categoryNames.beauty]));
  await expect(more().count()).resolves.toBe(0);

  await page.getByRole('button', { name: texts.categoryNames.study, exact: true }).click();
  const study = newestFirst.filter((roomTitle) => !beautyNewestFirst.includes(roomTitle));
  await expectCardTitles(page, study.slice(0, 7), 'the study category, page 1');
  await more().click();
  await expectCardTitles(page, study, 'the study category, pages 1-2');

  await page.getByRole('button', { name: texts.rooms.all, exact: true }).click();
  await expectCardTitles(page, newestFirst.slice(0, 7), 'page 1 of all rooms again');
});
