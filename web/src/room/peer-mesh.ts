/**
 * A full mesh of RTCPeerConnections, one per other member. Offers and answers go out at once (the original
 * client's `{type, sdp}` format) and the ICE candidates follow one by one (`ice candidate`, trickle ICE), so a
 * call never waits for gathering to end. A second offer on an open pair is an ICE restart.
 */
/** `restart` marks an ICE restart's offer on a pair that is already open (a with-me addition the relay passes on). */
export type Signal = { type: 'offer' | 'answer'; sdp: string; restart?: boolean };

export type PeerMeshOptions = {
  iceServers: RTCIceServer[];
  /** `relay` sends every call through TURN (see ice-policy.ts). */
  iceTransportPolicy: RTCIceTransportPolicy;
  localStream: MediaStream | null;
  onRemoteStream(peerId: string, stream: MediaStream): void;
  onStateChange(peerId: string, state: RTCPeerConnectionState): void;
  /** A local candidate to trickle to that peer. */
  onCandidate(peerId: string, candidate: RTCIceCandidateInit): void;
};

/**
 * A call not connected by then counts as failed. Chromium never reports `failed` for a call that has no
 * candidate pair at all (relay-only ICE with TURN credentials the TURN server refuses), so without this the
 * tile would wait for ever. Connections here take well under a second on loopback and a few on real networks.
 */
const CONNECT_TIMEOUT_MS = 12_000;

export function isSignal(value: unknown): value is Signal {
  const v = value as Partial<Signal> | null;
  return !!v && (v.type === 'offer' || v.type === 'answer') && typeof v.sdp === 'string';
}

export function createPeerMesh(options: PeerMeshOptions) {
  const peers = new Map<string, RTCPeerConnection>();
  /** Candidates that arrived before the description they belong to (the relay does not keep their order). */
  const pending = new Map<string, RTCIceCandidateInit[]>();
  let iceServers = options.iceServers;

  async function addCandidate(pc: RTCPeerConnection, candidate: RTCIceCandidateInit) {
    // A candidate of an older ICE generation (before a restart) or of a closed call is of no use: drop it.
    await pc.addIceCandidate(candidate).catch(() => undefined);
  }
  async function flushPending(peerId: string, pc: RTCPeerConnection) {
    const queued = pending.get(peerId) ?? [];
    pending.delete(peerId);
    for (const c of queued) await addCandidate(pc, c);
  }

  function open(peerId: string): RTCPeerConnection {
    close(peerId);
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: options.iceTransportPolicy });
    peers.set(peerId, pc);
    pc.addEventListener('icecandidate', (event) => {
      if (event.candidate && peers.get(peerId) === pc) options.onCandidate(peerId, event.candidate.toJSON());
    });
    pc.addEventListener('track', (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      options.onRemoteStream(peerId, stream);
    });
    const watchdog = window.setTimeout(() => {
      if (peers.get(peerId) === pc && pc.connectionState !== 'connected') options.onStateChange(peerId, 'failed');
    }, CONNECT_TIMEOUT_MS);
    pc.addEventListener('connectionstatechange', () => {
      if (pc.connectionState === 'connected' || pc.connectionState === 'closed') window.clearTimeout(watchdog);
      if (peers.get(peerId) === pc) options.onStateChange(peerId, pc.connectionState);
    });
    return pc;
  }

  function addLocalMedia(pc: RTCPeerConnection) {
    const stream = options.localStream;
    if (stream && stream.getTracks().length) {
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
      return;
    }
    // Without a camera we still want to see and hear the others.
    pc.addTransceiver('audio', { direction: 'recvonly' });
    pc.addTransceiver('video', { direction: 'recvonly' });
  }

  function localDescription(pc: RTCPeerConnection): Signal {
    const desc = pc.localDescription;
    if (!desc || (desc.type !== 'offer' && desc.type !== 'answer')) throw new Error('no local description');
    return { type: desc.type, sdp: desc.sdp };
  }

  /** As the newcomer: offer to an existing member. */
  async function call(peerId: string): Promise<Signal> {
    const pc = open(peerId);
    addLocalMedia(pc);
    await pc.setLocalDescription(await pc.createOffer());
    return localDescription(pc);
  }

  /** As the caller, when the call failed: new ICE credentials on the same connection, media kept. */
  async function restart(peerId: string): Promise<Signal | null> {
    const pc = peers.get(peerId);
    if (!pc || pc.signalingState !== 'stable') return null;
    await pc.setLocalDescription(await pc.createOffer({ iceRestart: true }));
    return { ...localDescription(pc), restart: true };
  }

  /** A second offer on an open pair (an ICE restart): answered on the same connection. */
  async function renegotiate(pc: RTCPeerConnection, peerId: string, offer: Signal): Promise<Signal> {
    await pc.setRemoteDescription({ type: offer.type, sdp: offer.sdp });
    await flushPending(peerId, pc);
    await pc.setLocalDescription(await pc.createAnswer());
    return localDescription(pc);
  }

  /** As an existing member: answer a newcomer's offer (or, on a pair already open, its ICE restart). */
  async function answer(peerId: string, offer: Signal): Promise<Signal> {
    const existing = peers.get(peerId);
    if (offer.restart === true && existing && existing.signalingState === 'stable' && existing.connectionState !== 'closed') {
      try {
        return await renegotiate(existing, peerId, offer);
      } catch {
        // Not a restart after all (the caller started over): a fresh connection below.
      }
    }
    const pc = open(peerId);
    await pc.setRemoteDescription({ type: offer.type, sdp: offer.sdp });
    const stream = options.localStream;
    if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
    await flushPending(peerId, pc);
    await pc.setLocalDescription(await pc.createAnswer());
    return localDescription(pc);
  }

  /** As the caller: the member's answer arrived. */
  async function accept(peerId: string, answerSignal: Signal): Promise<void> {
    const pc = peers.get(peerId);
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    await pc.setRemoteDescription({ type: answerSignal.type, sdp: answerSignal.sdp });
    await flushPending(peerId, pc);
  }

  /** A trickled remote candidate: added now, or kept until its description is set. */
  async function candidate(peerId: string, init: RTCIceCandidateInit): Promise<void> {
    const pc = peers.get(peerId);
    if (pc?.remoteDescription) return addCandidate(pc, init);
    const queued = pending.get(peerId) ?? [];
    if (queued.length < 50) pending.set(peerId, [...queued, init]);
  }

  function close(peerId: string) {
    const pc = peers.get(peerId);
    if (!pc) return;
    peers.delete(peerId);
    pc.close();
  }

  return {
    call,
    answer,
    accept,
    restart,
    candidate,
    has: (peerId: string) => peers.has(peerId),
    /** A new camera, microphone or the shared screen for everyone, without renegotiation (replaceTrack). */
    async replaceTrack(kind: 'audio' | 'video', track: MediaStreamTrack) {
      const senders = [...peers.values()].flatMap((pc) => pc.getSenders().filter((s) => s.track?.kind === kind));
      await Promise.all(senders.map((s) => s.replaceTrack(track).catch(() => undefined)));
    },
    close(peerId: string) {
      pending.delete(peerId);
      close(peerId);
    },
    closeAll() {
      pending.clear();
      for (const id of [...peers.keys()]) close(id);
    },
    /**
     * New servers (TURN credentials are short-lived, so the server sends fresh ones): every later call
     * uses them, and so do the open connections the next time they gather candidates.
     */
    setIceServers(next: RTCIceServer[]) {
      iceServers = next;
      for (const pc of peers.values()) pc.setConfiguration({ ...pc.getConfiguration(), iceServers: next });
    },
  };
}
export type PeerMesh = ReturnType<typeof createPeerMesh>;
