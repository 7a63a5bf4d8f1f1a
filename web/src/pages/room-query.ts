import type { RoomQuery } from '../api';

/** Whether the filter chip for `candidate` is the one in use. */
export function isSelected(query: RoomQuery, candidate: RoomQuery): boolean {
  if (query.kind !== candidate.kind) return false;
  if (query.kind === 'category' && candidate.kind === 'category') return query.categoryId === candidate.categoryId;
  if (query.kind === 'search' && candidate.kind === 'search') return query.text === candidate.text;
  return true;
}

/** What the search box asks for: blank text is the whole list again, not a search for nothing. */
export function searchQuery(text: string): RoomQuery {
  const trimmed = text.trim();
  return trimmed ? { kind: 'search', text: trimmed } : { kind: 'all' };
}
