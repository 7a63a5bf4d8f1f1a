/** This browser's own camera and microphone: opening them, muting them, and letting them go. */
export type MediaFlags = { audio: boolean; video: boolean };
export type MediaKind = keyof MediaFlags;

export async function openCamera(): Promise<MediaStream | null> {
  try {
    // VGA is plenty for a tile in a grid of four, and each picture is encoded once per other member (a mesh).
    return await navigator.mediaDevices.getUserMedia({ video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 24 } }, audio: true });
  } catch {
    return null;
  }
}

/** Without a stream we show ourselves muted and camera-off, which is what the others get. */
export function mediaFlags(stream: MediaStream | null): MediaFlags {
  return {
    audio: stream ? stream.getAudioTracks().some((t) => t.enabled) : false,
    video: stream ? stream.getVideoTracks().some((t) => t.enabled) : false,
  };
}

/** A disabled track keeps its place in every peer connection, so turning it back on needs no renegotiation. */
export function enableTracks(stream: MediaStream | null, kind: MediaKind, enabled: boolean) {
  for (const track of stream?.getTracks() ?? []) if (track.kind === kind) track.enabled = enabled;
}

export function stopTracks(stream: MediaStream | null) {
  for (const track of stream?.getTracks() ?? []) track.stop();
}
