import type { User } from '../api';
import { mediaFlags, stopTracks } from './local-media';
import { patchMember } from './members';
import { createPeerCalls } from './peer-calls';
import { createRoomCommands } from './room-commands';
import { listenToRoom } from './room-events';
import { keepJoined, openRoomSocket } from './room-socket';
import { createRoomStore, initialRoomState } from './room-state';
import { createTileEmojis } from './tile-emojis';

export type { RoomState } from './room-state';

export type RoomSessionOptions = {
  roomId: number;
  user: User;
  token: string;
  localStream: MediaStream | null;
  /** Takes the seat over REST again (entering is idempotent). */
  reenter(): Promise<unknown>;
  texts: { left(nickname: string): string; joined(nickname: string): string; errors: Record<string, string>; errorFallback: string };
};

/**
 * One browser's presence in one room: the socket and its rejoins, the WebRTC mesh and the snapshot the room
 * page renders, composed from one module per job.
 */
export function createRoomSession({ roomId, user, token, localStream, reenter, texts }: RoomSessionOptions) {
  const store = createRoomStore(initialRoomState(mediaFlags(localStream)));
  const socket = openRoomSocket(token);
  const emojis = createTileEmojis(store);
  let messageSeq = 0;
  const nextKey = () => `m${++messageSeq}`;
  const peers = createPeerCalls({
    socket,
    localStream,
    isMember: (peerId) => store.getState().members.some((m) => m.socketId === peerId),
    onStream: (peerId, stream) => store.update((s) => ({ members: patchMember(s.members, peerId, { stream }) })),
    onPeerState: (peerId, peerState) => store.update((s) => ({ members: patchMember(s.members, peerId, { peerState }) })),
  });
  const stopJoining = keepJoined(socket, {
    roomId,
    reenter,
    onConnect() {
      peers.closeAll();
      store.update((s) => ({ socketId: socket.id ?? null, members: [], status: s.status === 'refused' ? 'refused' : 'connecting' }));
    },
    onDisconnect() {
      const { status } = store.getState();
      if (status === 'joined' || status === 'connecting') store.update({ status: 'reconnecting' });
    },
    onRefused: (refusal) => store.update({ status: 'refused', refusal }),
  });
  const errorText = (code: string) => texts.errors[code] ?? texts.errorFallback;
  listenToRoom({ socket, store, peers, emojis, userId: user.id, nextKey, texts, errorText });

  const commands = createRoomCommands({ socket, store, user, localStream, emojis, nextKey });
  let gone = false;
  /** The camera track while the screen is shared, to go back to. */
  let cameraTrack: MediaStreamTrack | null = null;

  /** Swaps one track of our stream (our own tile follows) and in every call, keeping its on/off state. */
  async function useTrack(kind: 'audio' | 'video', track: MediaStreamTrack, stopOld: boolean) {
    if (!localStream) return;
    track.enabled = store.getState()[kind];
    for (const old of kind === 'audio' ? localStream.getAudioTracks() : localStream.getVideoTracks()) {
      localStream.removeTrack(old);
      if (stopOld) old.stop();
    }
    localStream.addTrack(track);
    await peers.replaceTrack(kind, track);
  }

  async function stopSharing() {
    if (!cameraTrack || !localStream) return;
    const screen = localStream.getVideoTracks()[0];
    await useTrack('video', cameraTrack, false);
    screen?.stop();
    cameraTrack = null;
    store.update({ sharing: false });
  }

  return {
    localStream,
    getState: store.getState,
    subscribe: store.subscribe,
    ...commands,
    /**
     * The page is closing, or the user went Back: leave now so the others' tiles go at once, not after the
     * reconnect grace. `quit room` if the socket is up, and a REST leave that outlives the page (keepalive).
     */
    /** Another camera or microphone, during the call. */
    async switchDevice(kind: 'audio' | 'video', deviceId: string) {
      const fresh = await navigator.mediaDevices.getUserMedia(kind === 'audio' ? { audio: { deviceId: { exact: deviceId } } } : { video: { deviceId: { exact: deviceId }, width: { ideal: 640 }, height: { ideal: 480 } } });
      const track = kind === 'audio' ? fresh.getAudioTracks()[0] : fresh.getVideoTracks()[0];
      if (!track) return;
      if (kind === 'video' && cameraTrack) {
        cameraTrack.stop();
        cameraTrack = track;
        return;
      }
      await useTrack(kind, track, true);
      store.update((s) => ({ ...s }));
    },
    /** Our screen instead of our camera, for everyone; the browser's own "stop sharing" brings the camera back. */
    async startSharing() {
      if (!localStream || cameraTrack) return;
      const display = await navigator.mediaDevices.getDisplayMedia({ video: true, audio: false });
      const screen = display.getVideoTracks()[0];
      const camera = localStream.getVideoTracks()[0];
      if (!screen || !camera) return;
      cameraTrack = camera;
      screen.addEventListener('ended', () => void stopSharing());
      await useTrack('video', screen, false);
      store.update({ sharing: true });
    },
    stopSharing,
    leaveForGood(alreadyLeft = false) {
      if (gone) return;
      gone = true;
      if (alreadyLeft) return;
      commands.leave();
      void fetch(`/api/room/${roomId}/user/${user.id}`, { method: 'DELETE', headers: { Authorization: `Bearer ${token}` }, keepalive: true }).catch(() => undefined);
    },
    dispose() {
      stopJoining();
      emojis.dispose();
      peers.closeAll();
      socket.removeAllListeners();
      socket.disconnect();
      stopTracks(localStream);
      cameraTrack?.stop();
    },
  };
}
export type RoomSession = ReturnType<typeof createRoomSession>;
