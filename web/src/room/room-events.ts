import type { ServerToClientEvents } from '../../../src/contract/events';
import { entryFrom, type ChatEntry } from './chat-log';
import { memberArrived, memberConnection, memberLeft, membersFromRoster, patchMember } from './members';
import type { PeerCalls } from './peer-calls';
import { isSignal } from './peer-mesh';
import type { RoomSocket } from './room-socket';
import type { RoomStore } from './room-state';
import type { TileEmojis } from './tile-emojis';

export type RoomEventsDeps = {
  socket: RoomSocket;
  store: RoomStore;
  peers: PeerCalls;
  emojis: TileEmojis;
  userId: number;
  /** A local key for every chat line, shared with the lines this browser sends itself. */
  nextKey(): string;
  texts: { left(nickname: string): string; joined(nickname: string): string };
  /** A refusal's code in the user's words. */
  errorText(code: string): string;
};

type Payload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];

const toEntry = (deps: RoomEventsDeps, m: Payload<'receive_message'>): ChatEntry => entryFrom(m, deps.nextKey(), deps.userId);

async function onSendUsers(deps: RoomEventsDeps, msg: Payload<'send users'>) {
  const { socket, store, peers } = deps;
  peers.setIceServers(msg.iceServers);
  const members = membersFromRoster(msg.otherUsers);
  const chat = msg.chatHistory.map((m) => toEntry(deps, m));
  store.update({ status: 'joined', refusal: null, members, chat, timer: { state: msg.timer, receivedAt: Date.now() } });
  const { audio, video } = store.getState();
  socket.emit('media state', { audio, video });
  await peers.callAll(members.map((m) => m.socketId));
}

async function onUserJoined({ store, peers, texts }: RoomEventsDeps, msg: Payload<'user joined'>) {
  if (!isSignal(msg.signal)) return;
  if (msg.signal.restart === true && peers.has(msg.callerId) && store.getState().members.some((m) => m.socketId === msg.callerId)) {
    // The same caller again: an ICE restart on the connection we have, tile and picture kept.
    await peers.answer(msg.callerId, msg.signal);
    return;
  }
  const arrival = memberArrived(store.getState().members, msg.callerId, msg.userInfo);
  for (const m of arrival.stale) peers.close(m.socketId);
  store.update((s) => ({ members: arrival.members, notice: arrival.isNew ? texts.joined(msg.userInfo.nickname) : s.notice }));
  await peers.answer(msg.callerId, msg.signal);
}

function onUserLeft({ store, peers, texts }: RoomEventsDeps, msg: Payload<'user left'>) {
  const departure = memberLeft(store.getState().members, msg.socketId, msg.userInfo.id);
  if (!departure) return;
  peers.close(departure.gone.socketId);
  store.update({ members: departure.members, notice: texts.left(departure.gone.nickname) });
}

function onTimerState({ store }: RoomEventsDeps, msg: Payload<'timer state'>) {
  // States can overtake each other across reconnects; a newer version always wins.
  const shown = store.getState().timer?.state.version;
  if (shown !== undefined && msg.version < shown) return;
  store.update({ timer: { state: msg, receivedAt: Date.now() } });
}

function onMediaState({ socket, store }: RoomEventsDeps, msg: Payload<'media state'>) {
  if (msg.socketId === socket.id) return;
  store.update((s) => ({ members: patchMember(s.members, msg.socketId, { audio: msg.audio, video: msg.video }) }));
}

/**
 * What each server event does to the room's state and to the peer mesh. The legacy timer broadcasts
 * (`start_receive`...) are not listened to: `timer state` carries the same news.
 */
export function listenToRoom(deps: RoomEventsDeps) {
  const { socket, store, peers, emojis } = deps;
  socket.on('send users', (msg) => onSendUsers(deps, msg));
  socket.on('user joined', (msg) => onUserJoined(deps, msg));
  socket.on('receive returned signal', (msg) => peers.accept(msg.id, msg.signal));
  socket.on('ice candidate', (msg) => peers.candidate(msg.from, msg.candidate));
  socket.on('member connection', (msg) => store.update((s) => ({ members: memberConnection(s.members, msg.userId, msg.socketId, msg.state) })));
  socket.on('ice servers', (msg) => peers.setIceServers(msg.iceServers));
  socket.on('user left', (msg) => onUserLeft(deps, msg));
  socket.on('receive_message', (msg) => store.update((s) => ({ chat: [...s.chat, toEntry(deps, msg)] })));
  socket.on('receive_emoji', (msg) => emojis.show(msg.id, msg.emoji));
  socket.on('timer state', (msg) => onTimerState(deps, msg));
  socket.on('media state', (msg) => onMediaState(deps, msg));
  socket.on('error', (err) => store.update({ notice: deps.errorText(err.code) }));
}
