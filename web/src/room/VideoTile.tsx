import { useEffect, useRef } from 'react';
import { texts } from '../texts';
import type { Emoji } from '../../../src/contract/events';

type TileProps = {
  testId: string;
  socketId: string | null;
  userId: number;
  nickname: string;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  emoji: Emoji | undefined;
  peerState?: string;
  /** The server's word on that member's socket (`member connection`). */
  connection?: 'connected' | 'reconnecting';
  /** Our own picture: never played back to ourselves. */
  self?: boolean;
};

export function VideoTile({ testId, socketId, userId, nickname, stream, audio, video, emoji, peerState, connection = 'connected', self = false }: TileProps) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || el.srcObject === stream) return;
    el.srcObject = stream;
    if (!stream) return;
    el.play().catch(() => {
      // Autoplay with sound needs a user gesture; a muted start is better than a frozen tile.
      el.muted = true;
      void el.play().catch(() => undefined);
    });
  }, [stream]);

  return (
    <figure
      className={video ? 'tile' : 'tile camera-off'}
      data-testid={testId}
      data-socket-id={socketId ?? ''}
      data-user-id={userId}
      data-peer-state={peerState ?? ''}
      data-audio={String(audio)}
      data-video={String(video)}
      data-connection={connection}
    >
      <video ref={ref} autoPlay playsInline muted={self} />
      {!video && <div className="camera-off-label">{texts.room.camOffBadge}</div>}
      {!self && connection === 'reconnecting' && (
        <div className="tile-status reconnecting" role="status" data-testid="tile-reconnecting">
          {texts.room.peerReconnecting}
        </div>
      )}
      {!self && connection === 'connected' && peerState === 'failed' && (
        <div className="tile-status failed" role="status">
          {texts.room.callFailed}
        </div>
      )}
      {emoji && (
        <div className="tile-emoji" data-testid="tile-emoji" data-emoji={emoji}>
          {texts.emoji[emoji]}
        </div>
      )}
      <figcaption>
        {!audio && <span className="muted" data-testid="muted">{texts.room.mutedBadge}</span>}
        {self ? `${nickname} (${texts.room.me})` : nickname}
      </figcaption>
    </figure>
  );
}
