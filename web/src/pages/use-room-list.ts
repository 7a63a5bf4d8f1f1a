import { useCallback, useEffect, useState } from 'react';
import { ApiError, type Api, type RoomQuery, type RoomSummary } from '../api';
import { texts } from '../texts';
import { mayHaveMore, mergePage } from './room-paging';

/** The rooms a query finds, page by page; a new query starts again from page 1. */
export function useRoomList(api: Api, query: RoomQuery, onError: (message: string) => void) {
  const [rooms, setRooms] = useState<RoomSummary[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);

  const load = useCallback(
    async (nextQuery: RoomQuery, nextPage: number) => {
      try {
        const found = await api.rooms(nextQuery, nextPage);
        setRooms((shown) => mergePage(shown, found, nextPage));
        setPage(nextPage);
        setHasMore(mayHaveMore(found, nextPage));
      } catch (err) {
        onError(err instanceof ApiError ? err.message : texts.errors.generic);
      }
    },
    [api, onError],
  );

  useEffect(() => {
    void load(query, 1);
  }, [query, load]);

  return {
    rooms,
    hasMore,
    loadMore: () => void load(query, page + 1),
    reload: () => void load(query, 1),
  };
}
