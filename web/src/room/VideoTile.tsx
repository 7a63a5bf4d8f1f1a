import { useEffect, useRef } from 'react';
import { MicOff, Pin, PinOff } from 'lucide-react';
import { texts } from '../texts';
import type { Emoji } from '../../../src/contract/events';
import { SPEAKING_LEVEL, useAudioLevel } from './audio-level';

type TileProps = {
  testId: string;
  socketId: string | null;
  userId: number;
  nickname: string;
  profileImg?: string | null;
  stream: MediaStream | null;
  audio: boolean;
  video: boolean;
  emoji: Emoji | undefined;
  peerState?: string;
  /** The server's word on that member's socket (`member connection`). */
  connection?: 'connected' | 'reconnecting';
  /** Our own picture: never played back to ourselves. */
  self?: boolean;
  /** Our screen, not our camera: not mirrored. */
  sharing?: boolean;
  pinned?: boolean;
  onPin?: () => void;
};

/** The first letter of a nickname, for a tile or an avatar without a picture. */
export const initialOf = (nickname: string) => Array.from(nickname.trim())[0]?.toUpperCase() ?? '?';

export function VideoTile(props: TileProps) {
  const { testId, socketId, userId, nickname, profileImg, stream, audio, video, emoji, peerState, connection = 'connected', self = false, sharing = false, pinned = false, onPin } = props;
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
  const speaking = useAudioLevel(stream, audio && connection === 'connected') > SPEAKING_LEVEL;
  const label = self ? `${nickname} (${texts.room.me})` : nickname;
  const classes = ['tile', video ? '' : 'camera-off', speaking ? 'speaking' : '', pinned ? 'pinned' : '', self && !sharing ? 'mirrored' : ''].filter(Boolean).join(' ');

  return (
    <figure
      className={classes}
      data-testid={testId}
      data-socket-id={socketId ?? ''}
      data-user-id={userId}
      data-peer-state={peerState ?? ''}
      data-audio={String(audio)}
      data-video={String(video)}
      data-connection={connection}
      data-speaking={String(speaking)}
      aria-label={label}
    >
      <video ref={ref} autoPlay playsInline muted={self} />
      {!video && (
        <div className="camera-off-face" aria-hidden="true">
          {profileImg ? <img src={profileImg} alt="" /> : <span className="initial">{initialOf(nickname)}</span>}
          <span className="camera-off-label">{texts.room.camOffBadge}</span>
        </div>
      )}
      {!self && connection === 'reconnecting' && (
        <div className="tile-status reconnecting" role="status" data-testid="tile-reconnecting">
          {texts.room.peerReconnecting}
        </div>
      )}
      {!self && connection === 'connected' && !stream && peerState !== 'failed' && (
        <div className="tile-status connecting" role="status">
          {texts.room.callConnecting}
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
      {onPin && (
        <button type="button" className="tile-pin" data-testid="tile-pin" aria-pressed={pinned} aria-label={`${pinned ? texts.room.unpin : texts.room.pin}: ${nickname}`} onClick={onPin}>
          {pinned ? <PinOff size={16} aria-hidden /> : <Pin size={16} aria-hidden />}
        </button>
      )}
      <figcaption>
        {!audio && (
          <span className="muted" data-testid="muted" role="img" aria-label={texts.room.micMuted}>
            <MicOff size={14} aria-hidden />
          </span>
        )}
        {label}
      </figcaption>
    </figure>
  );
}
