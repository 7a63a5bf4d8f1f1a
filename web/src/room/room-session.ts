import { io, type Socket } from 'socket.io-client';
import type { User } from '../api';
import { createPeerMesh, isSignal, type PeerMesh } from './peer-mesh';
import { isTimerState, type ReceivedTimer } from './timer-clock';

export type Member = {
  socketId: string;
  userId: number;
  nickname: string;
  profileImg: string | null;
  statusMsg: string | null;
  audio: boolean;
  video: boolean;
  stream: MediaStream | null;
  peerState: RTCPeerConnectionState | 'new';
};
export type ChatMessage = { key: string; sender: string; message: string; time: string; userId: number; mine: boolean };
export type Emoji = 'happy' | 'love' | 'bad' | 'sad';
export const EMOJIS: Emoji[] = ['happy', 'love', 'bad', 'sad'];
const EMOJI_VISIBLE_MS = 3000;

export type RoomState = {
  status: 'connecting' | 'joined' | 'reconnecting' | 'refused' | 'left';
  refusal: { code: string; msg: string } | null;
  socketId: string | null;
  audio: boolean;
  video: boolean;
  members: Member[];
  chat: ChatMessage[];
  /** Socket id -> the emoji shown on that tile right now. */
  emojis: Record<string, Emoji>;
  timer: ReceivedTimer | null;
  notice: string | null;
};

type UserInfo = { id?: number; nickname?: string; profileImg?: string | null; statusMsg?: string | null; audio?: boolean; video?: boolean };
type IncomingMessage = { sender?: string; message?: string; time?: string; id?: number; sentAt?: number | string };

export type RoomSessionOptions = {
  roomId: number;
  user: User;
  token: string;
  localStream: MediaStream | null;
  /** Takes the seat over REST again (entering is idempotent). */
  reenter(): Promise<unknown>;
  texts: { left(nickname: string): string; joined(nickname: string): string };
};

const localTime = () => {
  const d = new Date();
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
};

/**
 * One browser's presence in one room: the socket, the WebRTC mesh and everything the room page shows, as an
 * immutable snapshot React reads with useSyncExternalStore.
 */
export function createRoomSession({ roomId, user, token, localStream, reenter, texts }: RoomSessionOptions) {
  let state: RoomState = {
    status: 'connecting',
    refusal: null,
    socketId: null,
    audio: localStream ? localStream.getAudioTracks().some((t) => t.enabled) : false,
    video: localStream ? localStream.getVideoTracks().some((t) => t.enabled) : false,
    members: [],
    chat: [],
    emojis: {},
    timer: null,
    notice: null,
  };
  const listeners = new Set<() => void>();
  const emojiTimers = new Map<string, number>();
  let messageSeq = 0;

  function update(patch: Partial<RoomState> | ((s: RoomState) => Partial<RoomState>)) {
    state = { ...state, ...(typeof patch === 'function' ? patch(state) : patch) };
    for (const listener of listeners) listener();
  }
  const patchMember = (socketId: string, patch: Partial<Member>) =>
    update((s) => ({ members: s.members.map((m) => (m.socketId === socketId ? { ...m, ...patch } : m)) }));

  const mesh: PeerMesh = createPeerMesh({
    iceServers: [],
    localStream,
    onRemoteStream: (peerId, stream) => patchMember(peerId, { stream }),
    onStateChange: (peerId, peerState) => {
      patchMember(peerId, { peerState });
      if (peerState === 'failed') void callAgain(peerId);
    },
  });

  /**
   * The contract has one offer and one answer per pair, no ICE restart: a newcomer whose connection failed
   * simply calls again, and the other side's `user joined` replaces its half. The member never calls back.
   */
  const callAttempts = new Map<string, number>();
  const MAX_CALL_ATTEMPTS = 3;
  async function call(peerId: string) {
    callAttempts.set(peerId, (callAttempts.get(peerId) ?? 0) + 1);
    const signal = await mesh.call(peerId);
    socket.emit('send signal', { userToSignal: peerId, callerId: socket.id, signal });
  }
  async function callAgain(peerId: string) {
    const attempts = callAttempts.get(peerId);
    if (attempts === undefined || attempts >= MAX_CALL_ATTEMPTS) return;
    if (!state.members.some((m) => m.socketId === peerId)) return;
    patchMember(peerId, { stream: null });
    await call(peerId);
  }

  function memberFrom(socketId: string, info: UserInfo, fallbackNickname?: string): Member {
    return {
      socketId,
      userId: Number(info.id ?? 0),
      nickname: info.nickname ?? fallbackNickname ?? '',
      profileImg: info.profileImg ?? null,
      statusMsg: info.statusMsg ?? null,
      audio: info.audio ?? true,
      video: info.video ?? true,
      stream: null,
      peerState: 'new',
    };
  }

  function showEmoji(socketId: string, emoji: Emoji) {
    window.clearTimeout(emojiTimers.get(socketId));
    update((s) => ({ emojis: { ...s.emojis, [socketId]: emoji } }));
    emojiTimers.set(
      socketId,
      window.setTimeout(() => {
        emojiTimers.delete(socketId);
        update((s) => {
          const { [socketId]: _gone, ...rest } = s.emojis;
          return { emojis: rest };
        });
      }, EMOJI_VISIBLE_MS),
    );
  }

  function toChat(m: IncomingMessage): ChatMessage {
    const userId = Number(m.id ?? 0);
    return { key: `m${++messageSeq}`, sender: m.sender ?? '', message: String(m.message ?? ''), time: m.time ?? '', userId, mine: userId === user.id };
  }

  // Reconnection is socket.io-client's own; every (re)connect joins the room again, because the server treats
  // the new socket as a newcomer (a user's newer connection replaces the older one).
  const socket: Socket = io({ auth: { token }, reconnection: true, reconnectionDelay: 500, reconnectionDelayMax: 4000 });

  function join(mayReenter: boolean) {
    socket.emit(
      'join room',
      { roomId, userId: user.id, nickname: user.nickname, profileImg: user.profileImg, statusMsg: user.statusMsg, masterBadge: user.MasterBadge?.imageUrl ?? null },
      (ack: { ok?: boolean; code?: string; msg?: string } | undefined) => {
        if (ack?.ok === true) return;
        // The seat taken over REST lapses when no socket claims it in time (a slow camera prompt, a long
        // drop): take it again once, which is idempotent, before giving up.
        if (ack?.code === 'NOT_IN_ROOM' && mayReenter) {
          reenter().then(() => join(false), () => refuse(ack));
          return;
        }
        refuse(ack);
      },
    );
  }
  function refuse(ack: { code?: string; msg?: string } | undefined) {
    update({ status: 'refused', refusal: { code: ack?.code ?? 'ROOM_FULL', msg: ack?.msg ?? '' } });
    socket.disconnect();
  }

  socket.on('connect', () => {
    mesh.closeAll();
    update({ socketId: socket.id ?? null, members: [], status: state.status === 'refused' ? 'refused' : 'connecting' });
    join(true);
  });

  socket.on('connect_error', (err: Error) => {
    if (err.message === 'UNAUTHENTICATED') update({ status: 'refused', refusal: { code: 'UNAUTHENTICATED', msg: err.message } });
  });

  socket.on('disconnect', () => {
    if (state.status === 'joined' || state.status === 'connecting') update({ status: 'reconnecting' });
  });

  socket.on('send users', async (payload: { otherUsers?: (UserInfo & { socketId?: string })[]; otherSockets?: { socketId: string; nickname?: string }[]; timer?: unknown; chatHistory?: IncomingMessage[]; iceServers?: RTCIceServer[] }) => {
    mesh.setIceServers(Array.isArray(payload.iceServers) ? payload.iceServers : []);
    const others = (payload.otherUsers ?? []).filter((u): u is UserInfo & { socketId: string } => typeof u.socketId === 'string');
    update({
      status: 'joined',
      refusal: null,
      members: others.map((u) => memberFrom(u.socketId, u)),
      chat: (payload.chatHistory ?? []).map(toChat),
      timer: isTimerState(payload.timer) ? { state: payload.timer, receivedAt: Date.now() } : state.timer,
    });
    socket.emit('media state', { audio: state.audio, video: state.video });
    callAttempts.clear();
    await Promise.all(others.map((other) => call(other.socketId)));
  });

  socket.on('user joined', async (payload: { signal?: unknown; callerId?: string; callerNickname?: string; userInfo?: UserInfo }) => {
    const callerId = payload.callerId;
    if (!callerId || !isSignal(payload.signal)) return;
    const info = payload.userInfo ?? {};
    // A reconnecting user arrives with a new socket id: its old tile goes.
    const stale = state.members.filter((m) => m.socketId !== callerId && info.id !== undefined && m.userId === Number(info.id));
    for (const m of stale) mesh.close(m.socketId);
    const isNew = !state.members.some((m) => m.userId === Number(info.id));
    update((s) => ({
      members: [...s.members.filter((m) => m.socketId !== callerId && !stale.includes(m)), memberFrom(callerId, info, payload.callerNickname)],
      notice: isNew ? texts.joined(info.nickname ?? payload.callerNickname ?? '') : s.notice,
    }));
    const signal = await mesh.answer(callerId, payload.signal);
    socket.emit('returning signal', { callerId, signal });
  });

  socket.on('receive returned signal', (payload: { signal?: unknown; id?: string }) => {
    if (payload.id && isSignal(payload.signal)) void mesh.accept(payload.id, payload.signal);
  });

  socket.on('user left', (payload: { socketId?: string; userInfo?: UserInfo }) => {
    const gone = state.members.find((m) => m.socketId === payload.socketId);
    if (!gone || !payload.socketId) return;
    mesh.close(payload.socketId);
    update((s) => ({ members: s.members.filter((m) => m.socketId !== payload.socketId), notice: texts.left(gone.nickname) }));
  });

  socket.on('receive_message', (payload: IncomingMessage) => update((s) => ({ chat: [...s.chat, toChat(payload)] })));

  socket.on('receive_emoji', (payload: { id?: string; emoji?: string }) => {
    if (payload.id && EMOJIS.includes(payload.emoji as Emoji)) showEmoji(payload.id, payload.emoji as Emoji);
  });

  socket.on('timer state', (payload: unknown) => {
    if (!isTimerState(payload)) return;
    // States can overtake each other across reconnects; a newer version always wins.
    const shown = state.timer?.state.version;
    if (shown !== undefined && payload.version !== undefined && payload.version < shown) return;
    update({ timer: { state: payload, receivedAt: Date.now() } });
  });

  socket.on('media state', (payload: { socketId?: string; audio?: boolean; video?: boolean }) => {
    if (payload.socketId && payload.socketId !== socket.id) patchMember(payload.socketId, { audio: !!payload.audio, video: !!payload.video });
  });

  socket.on('error', (payload: { msg?: string } | undefined) => {
    if (payload?.msg) update({ notice: payload.msg });
  });

  function setTrack(kind: 'audio' | 'video', enabled: boolean) {
    for (const track of localStream?.getTracks() ?? []) if (track.kind === kind) track.enabled = enabled;
    update({ [kind]: enabled });
    socket.emit('media state', { audio: state.audio, video: state.video });
  }

  function dispose() {
    for (const timer of emojiTimers.values()) window.clearTimeout(timer);
    mesh.closeAll();
    socket.removeAllListeners();
    socket.disconnect();
    for (const track of localStream?.getTracks() ?? []) track.stop();
  }

  return {
    localStream,
    getState: () => state,
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    sendMessage(message: string) {
      const text = message.trim().slice(0, 500);
      if (!text) return;
      const key = `m${++messageSeq}`;
      // Shown at once with the local time; the server's acknowledgement brings the time everyone else sees.
      socket.emit('send_message', { roomId, message: text, sender: user.nickname, id: user.id }, (ack: { ok?: boolean; msg?: string; message?: IncomingMessage } | undefined) => {
        if (ack?.ok === false) update((s) => ({ chat: s.chat.filter((m) => m.key !== key), notice: ack.msg ?? null }));
        else if (ack?.message?.time) update((s) => ({ chat: s.chat.map((m) => (m.key === key ? { ...m, time: ack.message!.time! } : m)) }));
      });
      update((s) => ({ chat: [...s.chat, { key, sender: user.nickname, message: text, time: localTime(), userId: user.id, mine: true }] }));
    },
    sendEmoji(emoji: Emoji) {
      socket.emit('send_emoji', { roomId, emoji, id: socket.id });
      if (socket.id) showEmoji(socket.id, emoji);
    },
    toggleAudio: () => setTrack('audio', !state.audio),
    toggleVideo: () => setTrack('video', !state.video),
    startTimer: (hours: number, minutes: number, seconds: number) => socket.emit('start_timer', { roomId, hours, minutes, seconds }),
    pauseTimer: () => socket.emit('stop_time', String(roomId)),
    resumeTimer: () => socket.emit('resume_timer', { roomId }),
    resetTimer: () => socket.emit('reset_time', String(roomId)),
    clearNotice: () => update({ notice: null }),
    /** `quit room` tells the others at once; the REST leave makes it stick even if the socket is already gone. */
    leave() {
      if (socket.connected) socket.emit('quit room');
      update({ status: 'left' });
    },
    dispose,
  };
}
export type RoomSession = ReturnType<typeof createRoomSession>;
