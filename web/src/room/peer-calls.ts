import { ICE_POLICY_KEY, icePolicyFrom } from './ice-policy';
import { createPeerMesh, isSignal, type Signal } from './peer-mesh';
import type { RoomSocket } from './room-socket';

export type PeerCallsOptions = {
  socket: RoomSocket;
  localStream: MediaStream | null;
  /** A failed call is retried only while that peer still has a tile. */
  isMember(peerId: string): boolean;
  /** null when a retry drops the old picture. */
  onStream(peerId: string, stream: MediaStream | null): void;
  onPeerState(peerId: string, state: RTCPeerConnectionState): void;
};

/**
 * The newcomer calls every member; the member never calls back. When a call fails the caller restarts ICE on
 * the same connection (a new offer over `send signal`, which the member answers on its open connection), up
 * to this many times; a connection that closed for good is called again from scratch.
 */
const MAX_CALL_ATTEMPTS = 3;

/** The WebRTC mesh spoken over the room socket: `send signal` out, `returning signal` back. */
export function createPeerCalls({ socket, localStream, isMember, onStream, onPeerState }: PeerCallsOptions) {
  const attempts = new Map<string, number>();
  /** Peers whose call failed and has not connected since: their tile keeps saying so while we retry. */
  const failing = new Set<string>();
  const mesh = createPeerMesh({
    iceServers: [],
    iceTransportPolicy: icePolicyFrom(window.localStorage.getItem(ICE_POLICY_KEY)),
    localStream,
    onRemoteStream: onStream,
    onCandidate(peerId, candidate) {
      // Acked so that a refusal (the peer just left, a rate limit) is not shown to the user as an error.
      socket.emit('ice candidate', { to: peerId, candidate: { ...candidate } }, () => undefined);
    },
    onStateChange(peerId, state) {
      if (state === 'failed') failing.add(peerId);
      if (state === 'connected') failing.delete(peerId);
      onPeerState(peerId, failing.has(peerId) ? 'failed' : state);
      if (state === 'failed') void callAgain(peerId);
    },
  });

  async function call(peerId: string) {
    attempts.set(peerId, (attempts.get(peerId) ?? 0) + 1);
    const signal = await mesh.call(peerId);
    socket.emit('send signal', { userToSignal: peerId, signal });
  }
  async function callAgain(peerId: string) {
    const made = attempts.get(peerId);
    if (made === undefined || made >= MAX_CALL_ATTEMPTS || !isMember(peerId)) return;
    attempts.set(peerId, made + 1);
    const restart = await mesh.restart(peerId).catch(() => null);
    if (restart) socket.emit('send signal', { userToSignal: peerId, signal: restart });
    else {
      onStream(peerId, null);
      await call(peerId);
    }
  }

  return {
    /** As the newcomer, after `send users`: call every member, each with a fresh count of attempts. */
    async callAll(peerIds: string[]) {
      attempts.clear();
      await Promise.all(peerIds.map(call));
    },
    /** As a member: a newcomer's `user joined` carries its offer. */
    async answer(callerId: string, offer: Signal) {
      const signal = await mesh.answer(callerId, offer);
      socket.emit('returning signal', { callerId, signal });
    },
    /** A trickled candidate from that peer (opaque on the wire: only its known fields are passed on). */
    candidate(peerId: string, c: Record<string, unknown>) {
      if (typeof c.candidate !== 'string') return;
      const init: RTCIceCandidateInit = {
        candidate: c.candidate,
        sdpMid: typeof c.sdpMid === 'string' ? c.sdpMid : null,
        sdpMLineIndex: typeof c.sdpMLineIndex === 'number' ? c.sdpMLineIndex : null,
        usernameFragment: typeof c.usernameFragment === 'string' ? c.usernameFragment : null,
      };
      void mesh.candidate(peerId, init);
    },
    /** A second offer from a caller we already talk to is an ICE restart, not a newcomer. */
    has: mesh.has,
    /** Anything but a session description is dropped: the relay forwards whatever the other browser sent. */
    accept(peerId: string, answer: unknown) {
      if (isSignal(answer)) void mesh.accept(peerId, answer);
    },
    close(peerId: string) {
      failing.delete(peerId);
      mesh.close(peerId);
    },
    closeAll() {
      failing.clear();
      mesh.closeAll();
    },
    setIceServers: mesh.setIceServers,
    replaceTrack: mesh.replaceTrack,
  };
}
export type PeerCalls = ReturnType<typeof createPeerCalls>;
