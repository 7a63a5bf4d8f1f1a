import { isFull, minutesOpen } from './room-card-view';

test('a room is full when its seats are taken', () => {
  expect(isFull({ participantCnt: 4, capacity: 4 })).toBe(true);
  expect(isFull({ participantCnt: 3, capacity: 4 })).toBe(false);
});

test('minutesOpen counts whole minutes since createdAt, never below zero', () => {
  const created = '2026-01-01T10:00:00.000Z';
  expect(minutesOpen(created, Date.parse('2026-01-01T10:00:59.000Z'))).toBe(0);
  expect(minutesOpen(created, Date.parse('2026-01-01T11:30:00.000Z'))).toBe(90);
  expect(minutesOpen(created, Date.parse('2026-01-01T09:59:00.000Z'))).toBe(0);
  expect(minutesOpen('not a date', Date.now())).toBe(0);
});
