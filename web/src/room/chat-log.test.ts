import { clockTime, entryFrom, MAX_MESSAGE_LENGTH, outgoingText, stampEntry, withoutEntry, type ChatEntry } from './chat-log';

const line = (key: string, time = '10:00'): ChatEntry => ({ key, sender: 'me', message: 'hi', time, userId: 1, mine: true });

describe('outgoingText', () => {
  test('a draft is sent trimmed', () => {
    expect(outgoingText('  안녕하세요 \n')).toBe('안녕하세요');
  });

  test('a blank draft is nothing to send', () => {
    expect(outgoingText('')).toBe('');
    expect(outgoingText(' \t\n ')).toBe('');
  });

  test('a draft past the server limit is cut to exactly the limit', () => {
    expect(outgoingText('x'.repeat(MAX_MESSAGE_LENGTH + 20))).toHaveLength(500);
    expect(outgoingText('x'.repeat(MAX_MESSAGE_LENGTH))).toHaveLength(500);
  });
});

describe('entryFrom', () => {
  test('a message is mine exactly when its sender id is my user id', () => {
    const message = { roomId: 1, sender: 'kim', message: 'hello', time: '09:05', id: 7, sentAt: 0 };
    expect(entryFrom(message, 'm1', 7)).toEqual({ key: 'm1', sender: 'kim', message: 'hello', time: '09:05', userId: 7, mine: true });
    expect(entryFrom(message, 'm2', 8).mine).toBe(false);
  });
});

describe('clockTime', () => {
  test('hours and minutes, two digits each, on the 24-hour clock', () => {
    expect(clockTime(new Date(2026, 0, 1, 9, 5))).toBe('09:05');
    expect(clockTime(new Date(2026, 0, 1, 0, 0))).toBe('00:00');
    expect(clockTime(new Date(2026, 0, 1, 23, 59, 59))).toBe('23:59');
  });
});

describe('withoutEntry / stampEntry', () => {
  test('a refused line goes, the others stay', () => {
    expect(withoutEntry([line('m1'), line('m2'), line('m3')], 'm2').map((m) => m.key)).toEqual(['m1', 'm3']);
  });

  test("the server's time replaces the local one on that line only", () => {
    const stamped = stampEntry([line('m1', '10:00'), line('m2', '10:00')], 'm2', '10:01');
    expect(stamped.map((m) => m.time)).toEqual(['10:00', '10:01']);
  });

  test('an unknown key changes nothing', () => {
    const chat = [line('m1')];
    expect(withoutEntry(chat, 'zz')).toEqual(chat);
    expect(stampEntry(chat, 'zz', '11:11')).toEqual(chat);
  });
});
