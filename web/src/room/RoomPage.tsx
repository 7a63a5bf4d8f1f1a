import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api';
import { Notice } from '../components/Notice';
import { navigate } from '../router';
import { useSession } from '../session';
import { texts } from '../texts';
import { ChatPanel } from './ChatPanel';
import { createRoomSession, type RoomSession, type RoomState } from './room-session';
import { openCamera, stopTracks } from './local-media';
import { forgetRoom, rememberRoom, rememberedRoom, type RememberedRoom } from './room-storage';
import { Link2, Users } from 'lucide-react';
import { ControlBar } from './ControlBar';
import { ParticipantList, type Participant } from './ParticipantList';
import './room.css';
import { TimerPanel } from './TimerPanel';
import { VideoTile } from './VideoTile';

/** Enters the room over REST unless this tab just did (a reload or a shared link lands here directly). */
export function RoomPage({ roomId }: { roomId: number }) {
  const { api, user, token } = useSession();
  const [session, setSession] = useState<RoomSession | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [cameraMissing, setCameraMissing] = useState(false);
  const [info, setInfo] = useState<RememberedRoom | null>(() => rememberedRoom(roomId));

  useEffect(() => {
    if (!user || !token) return;
    let cancelled = false;
    let created: RoomSession | null = null;
    void (async () => {
      if (!rememberedRoom(roomId)) {
        try {
          const detail = await api.enterRoom(roomId, user.id);
          rememberRoom(detail);
          if (!cancelled) setInfo(rememberedRoom(roomId));
        } catch (err) {
          if (!cancelled) setBlocked(err instanceof ApiError && err.code === 'ROOM_FULL' ? texts.rooms.full : err instanceof ApiError ? texts.room.errors[err.code] ?? err.message : texts.room.notMember);
          return;
        }
      }
      const stream = await openCamera();
      if (cancelled) {
        stopTracks(stream);
        return;
      }
      setCameraMissing(!stream);
      created = createRoomSession({ roomId, user, token, localStream: stream, reenter: () => api.enterRoom(roomId, user.id), texts: texts.room });
      setSession(created);
    })();
    // A closed tab or a page navigated away leaves the room (a reload takes the seat again: see keepJoined).
    const onPageHide = () => created?.leaveForGood();
    window.addEventListener('pagehide', onPageHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onPageHide);
      // Unmounted: the Back button, or any other route. The seat goes with the page.
      if (created) {
        created.leaveForGood();
        forgetRoom();
      }
      created?.dispose();
    };
    // The session lives as long as this page and this user; profile edits elsewhere must not rebuild it.
  }, [roomId, user?.id, token]);

  if (blocked) {
    return (
      <main className="room refused" data-testid="room-refused">
        <p className="error" role="alert">{blocked}</p>
        <button type="button" onClick={() => navigate('/main')}>{texts.nav.rooms}</button>
      </main>
    );
  }
  if (!session) return <main className="room loading">…</main>;
  return <RoomView session={session} roomId={roomId} cameraMissing={cameraMissing} info={info} />;
}

function RoomView({ session, roomId, cameraMissing, info }: { session: RoomSession; roomId: number; cameraMissing: boolean; info: RememberedRoom | null }) {
  const { api, user } = useSession();
  const state: RoomState = useSyncExternalStore(session.subscribe, session.getState);
  const [localStreamNotice, setLocalStreamNotice] = useState<string | null>(cameraMissing ? texts.room.cameraDenied : null);
  const [chatOpen, setChatOpen] = useState(() => window.matchMedia?.('(min-width: 801px)').matches ?? true);
  const [peopleOpen, setPeopleOpen] = useState(false);
  // The chat is a column beside the videos on a wide screen and a drawer on a phone: it follows the width.
  useEffect(() => {
    const wide = window.matchMedia?.('(min-width: 801px)');
    if (!wide) return;
    const follow = () => setChatOpen(wide.matches);
    wide.addEventListener('change', follow);
    return () => wide.removeEventListener('change', follow);
  }, []);
  const [pinned, setPinned] = useState<string | null>(null);
  const clearNotice = useCallback(() => session.clearNotice(), [session]);
  const clearLocal = useCallback(() => setLocalStreamNotice(null), []);

  async function leave() {
    session.leave();
    if (user) await api.leaveRoom(roomId, user.id).catch(() => undefined);
    session.leaveForGood(true);
    session.dispose();
    forgetRoom();
    navigate('/main');
  }

  async function copyInvite() {
    try {
      await navigator.clipboard.writeText(`${window.location.origin}/room/${roomId}`);
      setLocalStreamNotice(texts.room.inviteCopied);
    } catch {
      setLocalStreamNotice(texts.room.inviteCopyFailed);
    }
  }

  function toggleShare() {
    const action = state.sharing ? session.stopSharing() : session.startSharing();
    action.catch(() => setLocalStreamNotice(texts.room.shareFailed));
  }

  if (state.status === 'refused') {
    const code = state.refusal?.code;
    const message = code === 'ROOM_FULL' ? texts.rooms.full : code === 'NOT_IN_ROOM' || !code ? texts.room.notMember : texts.room.errors[code] ?? texts.room.notMember;
    return (
      <main className="room refused" data-testid="room-refused">
        <p className="error" role="alert">{message}</p>
        <button type="button" onClick={() => (forgetRoom(), navigate('/main'))}>{texts.nav.rooms}</button>
      </main>
    );
  }

  const selfKey = state.socketId ?? 'self';
  const people: Participant[] = [
    { key: 'self', userId: user?.id ?? 0, nickname: user?.nickname ?? '', profileImg: user?.profileImg ?? null, statusMsg: user?.statusMsg ?? '', audio: state.audio, video: state.video, self: true, state: state.status === 'joined' ? 'connected' : state.status === 'reconnecting' ? 'reconnecting' : 'connecting' },
    ...state.members.map((m): Participant => ({
      key: m.socketId,
      userId: m.userId,
      nickname: m.nickname,
      profileImg: m.profileImg,
      statusMsg: m.statusMsg,
      audio: m.audio,
      video: m.video,
      self: false,
      state: m.connection === 'reconnecting' ? 'reconnecting' : m.peerState === 'connected' ? 'connected' : 'connecting',
    })),
  ];
  const count = state.members.length + 1;
  const pinnedKey = pinned && (pinned === selfKey || state.members.some((m) => m.socketId === pinned)) ? pinned : null;
  const togglePin = (key: string) => setPinned((p) => (p === key ? null : key));
  const canShare = typeof navigator.mediaDevices?.getDisplayMedia === 'function';

  const tiles = [
    <VideoTile
      key="self"
      testId="self-tile"
      socketId={state.socketId}
      userId={user?.id ?? 0}
      nickname={user?.nickname ?? ''}
      profileImg={user?.profileImg ?? null}
      stream={session.localStream}
      audio={state.audio}
      video={state.video || state.sharing}
      emoji={state.socketId ? state.emojis[state.socketId] : undefined}
      sharing={state.sharing}
      pinned={pinnedKey === selfKey}
      onPin={count > 1 ? () => togglePin(selfKey) : undefined}
      self
    />,
    ...state.members.map((m) => (
      <VideoTile
        key={m.socketId}
        testId="peer-tile"
        socketId={m.socketId}
        userId={m.userId}
        nickname={m.nickname}
        profileImg={m.profileImg}
        stream={m.stream}
        audio={m.audio}
        video={m.video}
        emoji={state.emojis[m.socketId]}
        peerState={m.peerState}
        connection={m.connection}
        pinned={pinnedKey === m.socketId}
        onPin={() => togglePin(m.socketId)}
      />
    )),
  ];

  return (
    <main className={`room${chatOpen ? ' chat-open' : ''}${peopleOpen ? ' people-open' : ''}`} data-testid="room" data-status={state.status}>
      <Notice message={state.notice} onClose={clearNotice} />
      <Notice message={localStreamNotice} onClose={clearLocal} />
      <header className="room-header" data-testid="room-header">
        <div className="room-title">
          <h1>{info?.title ?? texts.room.untitled}</h1>
          <p className="room-meta">
            {info?.categoryName && <span className="chip">{info.categoryName}</span>}
            {info?.tags?.map((tag) => <span key={tag} className="tag">#{tag}</span>)}
            <span className="people-count" data-testid="people-count">
              <Users size={14} aria-hidden /> {texts.room.people(count, info?.capacity ?? 4)}
            </span>
          </p>
        </div>
        <button type="button" className="invite" data-testid="copy-invite" onClick={() => void copyInvite()}>
          <Link2 size={16} aria-hidden /> {texts.room.copyInvite}
        </button>
      </header>
      {state.status === 'reconnecting' && <div className="banner" role="status">{texts.room.reconnecting}</div>}
      <section className={`grid grid-${count}${pinnedKey ? ' has-pin' : ''}`} data-testid="video-grid" aria-label={texts.room.videos}>
        {tiles}
      </section>
      <aside className="side" aria-label={texts.room.sidePanel}>
        {peopleOpen && <ParticipantList people={people} masterUserId={info?.masterUserId} />}
        <TimerPanel timer={state.timer} onStart={session.startTimer} onStartPomodoro={session.startPomodoro} onPause={session.pauseTimer} onResume={session.resumeTimer} onReset={session.resetTimer} />
        {chatOpen && <ChatPanel chat={state.chat} onSend={session.sendMessage} onEmoji={session.sendEmoji} />}
      </aside>
      <ControlBar
        audio={state.audio}
        video={state.video}
        sharing={state.sharing}
        canShare={canShare}
        hasMedia={!!session.localStream}
        chatOpen={chatOpen}
        peopleOpen={peopleOpen}
        onToggleAudio={session.toggleAudio}
        onToggleVideo={session.toggleVideo}
        onShare={toggleShare}
        onSwitchDevice={(kind, id) => void session.switchDevice(kind, id).catch(() => setLocalStreamNotice(texts.room.deviceFailed))}
        onToggleChat={() => setChatOpen((o) => !o)}
        onTogglePeople={() => setPeopleOpen((o) => !o)}
        onLeave={() => void leave()}
      />
    </main>
  );
}
