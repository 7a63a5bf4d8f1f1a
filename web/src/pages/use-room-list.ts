import { useCallback, useEffect, useRef, useState } from 'react';
import type { Api, RoomQuery, RoomSummary } from '../api';
import { errorText } from '../components/error-text';
import { mayHaveMore, mergePage } from './room-paging';

/** How often a visible list asks again, so rooms made, filled or emptied elsewhere show up (issue 15: within 5 s). */
export const REFRESH_MS = 4_000;

/**
 * The rooms a query finds, page by page; a new query clears the list and starts again from page 1. While the
 * tab is visible the pages shown are read again every REFRESH_MS; a hidden tab does not poll.
 */
export function useRoomList(api: Api, query: RoomQuery, onError: (message: string) => void) {
  const [rooms, setRooms] = useState<RoomSummary[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(true);
  const [now, setNow] = useState(() => Date.now());
  // Answers to an older query (or an older refresh) must not overwrite the current one.
  const generation = useRef(0);
  const pageRef = useRef(1);

  const load = useCallback(
    async (nextQuery: RoomQuery, nextPage: number) => {
      const mine = generation.current;
      try {
        const found = await api.rooms(nextQuery, nextPage);
        if (mine !== generation.current) return;
        setRooms((shown) => mergePage(shown, found, nextPage));
        setPage(nextPage);
        pageRef.current = nextPage;
        setHasMore(mayHaveMore(found, nextPage));
      } catch (err) {
        if (mine === generation.current) onError(errorText(err));
      } finally {
        if (mine === generation.current) setLoading(false);
      }
    },
    [api, onError],
  );

  /** Every page shown, read again together: the list changes as a whole, not page by page. */
  const refresh = useCallback(async () => {
    const mine = generation.current;
    const pages = Array.from({ length: pageRef.current }, (_, i) => i + 1);
    try {
      const found = await Promise.all(pages.map((p) => api.rooms(query, p)));
      if (mine !== generation.current) return;
      setRooms(found.reduce<RoomSummary[]>((shown, f, i) => mergePage(shown, f, i + 1), []));
      setHasMore(mayHaveMore(found[found.length - 1] ?? [], pages.length));
      setNow(Date.now());
    } catch {
      // A missed refresh is retried on the next tick; the list stays as it was.
    }
  }, [api, query]);

  useEffect(() => {
    generation.current += 1;
    pageRef.current = 1;
    setRooms([]);
    setHasMore(false);
    setLoading(true);
    setNow(Date.now());
    void load(query, 1);
  }, [query, load]);

  useEffect(() => {
    let timer: number | undefined;
    const start = () => {
      window.clearInterval(timer);
      if (document.visibilityState === 'visible') timer = window.setInterval(() => void refresh(), REFRESH_MS);
    };
    const onVisibility = () => {
      if (document.visibilityState === 'visible') void refresh();
      start();
    };
    start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      window.clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [refresh]);

  return {
    rooms,
    hasMore,
    loading,
    now,
    loadMore: () => void load(query, page + 1),
    reload: () => void refresh(),
  };
}
