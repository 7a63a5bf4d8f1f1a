import type { MemberInfo } from '../contract/events';
import { notJoined } from '../errors';
import type { LiveMember, RoomStore } from './room-store';
import type { IoSocket } from './socket-types';

export function memberInfo(m: LiveMember): MemberInfo {
  return {
    roomId: m.roomId,
    id: m.userId,
    nickname: m.nickname,
    profileImg: m.profileImg,
    masterBadge: m.masterBadge,
    statusMsg: m.statusMsg,
    socketId: m.socketId,
    audio: m.audio,
    video: m.video,
  };
}

/**
 * The room this socket currently speaks for. The store, not the socket, is the authority: a REST leave or
 * a newer connection handled by another process changes the store, and this socket then has no room.
 */
export async function currentMember(store: Pick<RoomStore, 'getMember'>, socket: IoSocket): Promise<LiveMember> {
  const roomId = socket.data.roomId;
  if (roomId === undefined) throw notJoined();
  const member = await store.getMember(roomId, socket.data.userId);
  if (!member || member.socketId !== socket.id) throw notJoined();
  return member;
}
