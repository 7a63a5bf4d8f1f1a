import { Crown, Mic, MicOff, Video, VideoOff } from 'lucide-react';
import { texts } from '../texts';
import { initialOf } from './VideoTile';

export type Participant = {
  key: string;
  userId: number;
  nickname: string;
  profileImg: string | null;
  statusMsg: string;
  audio: boolean;
  video: boolean;
  self: boolean;
  /** What is said after the name: nothing once the call runs. */
  state: 'connected' | 'connecting' | 'reconnecting';
};

/** Everyone in the room, ourselves first: who they are, their mic and camera, the master, a call not up yet. */
export function ParticipantList({ people, masterUserId }: { people: Participant[]; masterUserId: number | undefined }) {
  return (
    <section className="card participants" data-testid="participants">
      <h2 id="participants-heading">{texts.room.participants} <span className="count">{people.length}</span></h2>
      <ul aria-label={texts.room.participants}>
        {people.map((p) => (
          <li key={p.key} data-testid="participant" data-user-id={p.userId} data-state={p.state}>
            <span className="avatar-sm" aria-hidden="true">
              {p.profileImg ? <img src={p.profileImg} alt="" /> : initialOf(p.nickname)}
            </span>
            <span className="who">
              <span className="name">
                {p.self ? `${p.nickname} (${texts.room.me})` : p.nickname}
                {p.userId === masterUserId && (
                  <span className="master" data-testid="participant-master">
                    <Crown size={13} aria-hidden /> {texts.room.master}
                  </span>
                )}
              </span>
              {p.statusMsg && <span className="status-msg">{p.statusMsg}</span>}
              {p.state !== 'connected' && (
                <span className={`conn ${p.state}`}>{p.state === 'reconnecting' ? texts.room.peerReconnecting : texts.room.peerConnecting}</span>
              )}
            </span>
            <span className="media">
              <span role="img" aria-label={p.audio ? texts.room.mic : texts.room.micMuted} className={p.audio ? '' : 'off'}>
                {p.audio ? <Mic size={16} aria-hidden /> : <MicOff size={16} aria-hidden />}
              </span>
              <span role="img" aria-label={p.video ? texts.room.camera : texts.room.cameraOff} className={p.video ? '' : 'off'}>
                {p.video ? <Video size={16} aria-hidden /> : <VideoOff size={16} aria-hidden />}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
