import type { RoomSummary } from '../api';

/** Page 1 leaves its first grid slot to the "create" card (contract: 7 rooms on page 1, 8 later). */
export function pageSize(page: number): number {
  return page === 1 ? 7 : 8;
}

/**
 * The list after page `page` arrived: page 1 replaces it, later pages append. A room that moved up a page
 * while we read (a newer room pushed it down) is shown once, where it first appeared.
 */
export function mergePage(shown: RoomSummary[], found: RoomSummary[], page: number): RoomSummary[] {
  if (page === 1) return found;
  return [...shown, ...found.filter((r) => !shown.some((s) => s.id === r.id))];
}

/** A full page may have a next one; a short page is the last. */
export function mayHaveMore(found: RoomSummary[], page: number): boolean {
  return found.length >= pageSize(page);
}
