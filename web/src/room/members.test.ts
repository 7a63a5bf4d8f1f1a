import type { MemberInfo } from '../../../src/contract/events';
import { memberArrived, memberConnection, memberFrom, memberLeft, membersFromRoster, patchMember } from './members';

const info = (id: number, socketId: string | null, patch: Partial<MemberInfo> = {}): MemberInfo => ({
  roomId: 1,
  id,
  nickname: `user${id}`,
  profileImg: null,
  masterBadge: null,
  statusMsg: '',
  socketId,
  audio: true,
  video: true,
  ...patch,
});

describe('membersFromRoster', () => {
  test('a member inside its reconnect grace (no socket) gets no tile', () => {
    const members = membersFromRoster([info(1, 'a'), info(2, null), info(3, 'c', { audio: false })]);
    expect(members.map((m) => [m.socketId, m.userId, m.audio])).toEqual([
      ['a', 1, true],
      ['c', 3, false],
    ]);
  });

  test('an empty room is no tiles', () => {
    expect(membersFromRoster([])).toEqual([]);
  });

  test('a new tile has no picture yet and a new connection', () => {
    expect(memberFrom('a', info(1, 'a'))).toMatchObject({ stream: null, peerState: 'new', nickname: 'user1' });
  });
});

describe('memberArrived', () => {
  test('a newcomer is added last and announced', () => {
    const arrival = memberArrived(membersFromRoster([info(1, 'a')]), 'b', info(2, 'b'));
    expect(arrival.members.map((m) => m.socketId)).toEqual(['a', 'b']);
    expect(arrival.stale).toEqual([]);
    expect(arrival.isNew).toBe(true);
  });

  test('a user reconnecting under a new socket id replaces its old tile, which is handed back to close, unannounced', () => {
    const before = membersFromRoster([info(1, 'old'), info(2, 'x')]);
    const arrival = memberArrived(before, 'new', info(1, 'new'));
    expect(arrival.members.map((m) => m.socketId)).toEqual(['x', 'new']);
    expect(arrival.stale.map((m) => m.socketId)).toEqual(['old']);
    expect(arrival.isNew).toBe(false);
  });

  test('the same socket calling again replaces its tile without anything to close', () => {
    const before = membersFromRoster([info(1, 'a'), info(2, 'b')]);
    const arrival = memberArrived(before, 'a', info(1, 'a', { video: false }));
    expect(arrival.members.map((m) => [m.socketId, m.video])).toEqual([
      ['b', true],
      ['a', false],
    ]);
    expect(arrival.stale).toEqual([]);
    expect(arrival.isNew).toBe(false);
  });
});

describe('memberLeft', () => {
  test('the tile of that socket goes, the others stay in order', () => {
    const result = memberLeft(membersFromRoster([info(1, 'a'), info(2, 'b'), info(3, 'c')]), 'b');
    expect(result?.gone.nickname).toBe('user2');
    expect(result?.members.map((m) => m.socketId)).toEqual(['a', 'c']);
  });

  test('an unknown socket, or a leaver without one, changes nothing', () => {
    const members = membersFromRoster([info(1, 'a')]);
    expect(memberLeft(members, 'zzz')).toBeUndefined();
    expect(memberLeft(members, null)).toBeUndefined();
    expect(memberLeft([], 'a')).toBeUndefined();
  });
});

describe('patchMember', () => {
  test('only the tile with that socket id changes, and the list is a new array', () => {
    const members = membersFromRoster([info(1, 'a'), info(2, 'b')]);
    const next = patchMember(members, 'b', { audio: false, peerState: 'connected' });
    expect(next).not.toBe(members);
    expect(next[0]).toBe(members[0]);
    expect(next[1]).toMatchObject({ audio: false, peerState: 'connected', video: true });
  });

  test('an unknown socket id leaves every tile as it was', () => {
    const members = membersFromRoster([info(1, 'a')]);
    expect(patchMember(members, 'zzz', { audio: false })).toEqual(members);
  });
});

describe('a dropped member', () => {
  test('`user left` without a socket (it dropped before the leave) still takes that user\'s tile away', () => {
    const members = membersFromRoster([info(1, 'a'), info(2, 'b')]);
    expect(memberLeft(members, null, 2)?.members.map((m) => m.userId)).toEqual([1]);
  });

  test('`member connection` marks the dropped socket reconnecting, and back connected', () => {
    const members = membersFromRoster([info(1, 'a'), info(2, 'b')]);
    const dropped = memberConnection(members, 2, 'b', 'reconnecting');
    expect(dropped.map((m) => m.connection)).toEqual(['connected', 'reconnecting']);
    // A drop of an older socket says nothing about the tile of the newer one.
    expect(memberConnection(members, 2, 'old', 'reconnecting').map((m) => m.connection)).toEqual(['connected', 'connected']);
    expect(memberConnection(dropped, 2, 'b2', 'connected').map((m) => m.connection)).toEqual(['connected', 'connected']);
  });
});
