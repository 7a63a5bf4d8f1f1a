import type { MemberInfo } from '../../../src/contract/events';

/** Another member's tile: the contract's member plus what this browser's peer connection to it adds. */
export type Member = Pick<MemberInfo, 'nickname' | 'profileImg' | 'statusMsg' | 'audio' | 'video'> & {
  socketId: string;
  userId: number;
  stream: MediaStream | null;
  peerState: RTCPeerConnectionState | 'new';
  /** What the server says of that member's socket: `reconnecting` between a drop and its return or `user left`. */
  connection: 'connected' | 'reconnecting';
};

export function memberFrom(socketId: string, info: MemberInfo): Member {
  const { nickname, profileImg, statusMsg, audio, video } = info;
  return { socketId, userId: info.id, nickname, profileImg, statusMsg, audio, video, stream: null, peerState: 'new', connection: 'connected' };
}

/** `send users`: only members with a live connection get a tile (one inside its reconnect grace has no socket). */
export function membersFromRoster(otherUsers: MemberInfo[]): Member[] {
  return otherUsers.flatMap((u) => (typeof u.socketId === 'string' ? [memberFrom(u.socketId, u)] : []));
}

export function patchMember(members: Member[], socketId: string, patch: Partial<Member>): Member[] {
  return members.map((m) => (m.socketId === socketId ? { ...m, ...patch } : m));
}

export type Arrival = {
  members: Member[];
  /** Tiles of the same user under an older socket id: their peer connections must be closed. */
  stale: Member[];
  /** False for a reconnect (the user already had a tile), which is not announced. */
  isNew: boolean;
};

/** `user joined`: a reconnecting user arrives with a new socket id, so its old tile goes and the new one goes last. */
export function memberArrived(members: Member[], callerId: string, info: MemberInfo): Arrival {
  const stale = members.filter((m) => m.socketId !== callerId && m.userId === info.id);
  const isNew = !members.some((m) => m.userId === info.id);
  const kept = members.filter((m) => m.socketId !== callerId && !stale.includes(m));
  return { members: [...kept, memberFrom(callerId, info)], stale, isNew };
}

/**
 * `user left`: undefined when that user had no tile here (nothing to close, nothing to announce). The seat is
 * gone, so the tile goes whatever socket it shows: `socketId` is null when the leaver's socket dropped first
 * (a closed tab's quit can arrive after its disconnect).
 */
export function memberLeft(members: Member[], socketId: string | null, userId?: number): { members: Member[]; gone: Member } | undefined {
  const gone = members.find((m) => (socketId !== null && m.socketId === socketId) || m.userId === userId);
  if (!gone) return undefined;
  return { members: members.filter((m) => m !== gone), gone };
}

/** `member connection`: the tile of that user says whether the server still hears from them. */
export function memberConnection(members: Member[], userId: number, socketId: string, state: Member['connection']): Member[] {
  return members.map((m) => (m.userId === userId && (state === 'connected' || m.socketId === socketId) ? { ...m, connection: state } : m));
}
