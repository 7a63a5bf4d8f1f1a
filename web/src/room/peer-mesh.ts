/**
 * A full mesh of RTCPeerConnections, one per other member, speaking the original client's signal format: one
 * complete session description with every ICE candidate in it (simple-peer with trickle:false), so the server
 * relays exactly one `send signal` and one `returning signal` per pair and needs no candidate events.
 */
export type Signal = { type: 'offer' | 'answer'; sdp: string };

export type PeerMeshOptions = {
  iceServers: RTCIceServer[];
  /** `relay` sends every call through TURN (see ice-policy.ts). */
  iceTransportPolicy: RTCIceTransportPolicy;
  localStream: MediaStream | null;
  onRemoteStream(peerId: string, stream: MediaStream): void;
  onStateChange(peerId: string, state: RTCPeerConnectionState): void;
};

/** Gathering normally ends in milliseconds; an unreachable STUN server must not hold the call forever. */
const GATHERING_TIMEOUT_MS = 4000;
/**
 * A call not connected by then counts as failed. Chromium never reports `failed` for a call that has no
 * candidate pair at all (relay-only ICE with TURN credentials the TURN server refuses), so without this the
 * tile would wait for ever. Connections here take well under a second on loopback and a few on real networks.
 */
const CONNECT_TIMEOUT_MS = 12_000;

function gatheringComplete(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      if (pc.iceGatheringState !== 'complete') return;
      pc.removeEventListener('icegatheringstatechange', done);
      window.clearTimeout(timer);
      resolve();
    };
    const timer = window.setTimeout(() => {
      pc.removeEventListener('icegatheringstatechange', done);
      resolve();
    }, GATHERING_TIMEOUT_MS);
    pc.addEventListener('icegatheringstatechange', done);
  });
}

export function isSignal(value: unknown): value is Signal {
  const v = value as Partial<Signal> | null;
  return !!v && (v.type === 'offer' || v.type === 'answer') && typeof v.sdp === 'string';
}

export function createPeerMesh(options: PeerMeshOptions) {
  const peers = new Map<string, RTCPeerConnection>();
  let iceServers = options.iceServers;

  function open(peerId: string): RTCPeerConnection {
    close(peerId);
    const pc = new RTCPeerConnection({ iceServers, iceTransportPolicy: options.iceTransportPolicy });
    peers.set(peerId, pc);
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

  async function localDescription(pc: RTCPeerConnection): Promise<Signal> {
    await gatheringComplete(pc);
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

  /** As an existing member: answer a newcomer's offer. */
  async function answer(peerId: string, offer: Signal): Promise<Signal> {
    const pc = open(peerId);
    await pc.setRemoteDescription(offer);
    const stream = options.localStream;
    if (stream) for (const track of stream.getTracks()) pc.addTrack(track, stream);
    await pc.setLocalDescription(await pc.createAnswer());
    return localDescription(pc);
  }

  /** As the newcomer: the member's answer arrived. */
  async function accept(peerId: string, answerSignal: Signal): Promise<void> {
    const pc = peers.get(peerId);
    if (!pc || pc.signalingState !== 'have-local-offer') return;
    await pc.setRemoteDescription(answerSignal);
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
    close,
    closeAll() {
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
