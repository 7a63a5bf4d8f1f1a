import type { Page } from 'playwright-core';
import { eventually } from './chromium';

/** The room cards' titles in the order the grid shows them (a secret room's title keeps its "🔒 " mark). */
export function cardTitles(page: Page): Promise<string[]> {
  return page.getByTestId('room-card').locator('h3').allTextContents();
}

/** Waits until the grid shows exactly `expected`, in that order; a timeout names what it showed instead. */
export async function expectCardTitles(page: Page, expected: string[], what: string) {
  let shown: string[] = [];
  await eventually(async () => {
    shown = await cardTitles(page);
    return JSON.stringify(shown) === JSON.stringify(expected);
  }, { what: `${what}: ${JSON.stringify(expected)}` }).catch((err: Error) => {
    throw new Error(`${err.message}; the grid showed ${JSON.stringify(shown)}`);
  });
}
