import type { RoomSummary } from '../api';
import { mayHaveMore, mergePage, pageSize } from './room-paging';

const room = (id: number): RoomSummary => ({
  id,
  title: `room ${id}`,
  isSecret: false,
  likeCnt: 0,
  capacity: 4,
  participantCnt: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  category: { id: 3, name: '스터디' },
  Tags: [],
});
const rooms = (...ids: number[]) => ids.map(room);
const ids = (list: RoomSummary[]) => list.map((r) => r.id);

describe('pageSize', () => {
  test('page 1 holds 7 rooms (the create card takes a slot), every later page 8', () => {
    expect([1, 2, 3, 10].map(pageSize)).toEqual([7, 8, 8, 8]);
  });
});

describe('mergePage', () => {
  test('page 1 replaces whatever was shown, even with nothing', () => {
    expect(ids(mergePage(rooms(9, 8), rooms(3, 2, 1), 1))).toEqual([3, 2, 1]);
    expect(mergePage(rooms(9, 8), [], 1)).toEqual([]);
  });

  test('a later page appends in the order the server sent', () => {
    expect(ids(mergePage(rooms(16, 15), rooms(14, 13), 2))).toEqual([16, 15, 14, 13]);
  });

  test('a room pushed down onto the next page by a newer one is shown once, where it already was', () => {
    expect(ids(mergePage(rooms(16, 15, 14), rooms(14, 13, 12), 2))).toEqual([16, 15, 14, 13, 12]);
  });

  test('an empty later page changes nothing', () => {
    expect(ids(mergePage(rooms(2, 1), [], 3))).toEqual([2, 1]);
  });
});

describe('mayHaveMore', () => {
  test('a full page may have a next one; one room short is the last page', () => {
    expect(mayHaveMore(rooms(1, 2, 3, 4, 5, 6, 7), 1)).toBe(true);
    expect(mayHaveMore(rooms(1, 2, 3, 4, 5, 6), 1)).toBe(false);
    expect(mayHaveMore(rooms(1, 2, 3, 4, 5, 6, 7), 2)).toBe(false);
    expect(mayHaveMore(rooms(1, 2, 3, 4, 5, 6, 7, 8), 2)).toBe(true);
  });

  test('an empty page is the last', () => {
    expect(mayHaveMore([], 1)).toBe(false);
  });
});
