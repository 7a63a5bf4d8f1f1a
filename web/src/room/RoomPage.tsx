import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { ApiError } from '../api';
import { Notice } from '../components/Notice';
import { navigate } from '../router';
import { useSession } from '../session';
import { texts } from '../texts';
import { ChatPanel } from './ChatPanel';
import { createRoomSession, type RoomSession, type RoomState } from './room-session';
import { openCamera, stopTracks } from './local-media';
import { forgetRoom, rememberedRoom } from './room-storage';
import { TimerPanel } from './TimerPanel';
import { VideoTile } from './VideoTile';

/** Enters the room over REST unless this tab just did (a reload or a shared link lands here directly). */
export function RoomPage({ roomId }: { roomId: number }) {
  const { api, user, token } = useSession();
  const [session, setSession] = useState<RoomSession | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [cameraMissing, setCameraMissing] = useState(false);

  useEffect(() => {
    if (!user || !token) return;
    let cancelled = false;
    let created: RoomSession | null = null;
    void (async () => {
      if (!rememberedRoom(roomId)) {
        try {
          await api.enterRoom(roomId, user.id);
        } catch (err) {
          if (!cancelled) setBlocked(err instanceof ApiError && err.code === 'ROOM_FULL' ? texts.rooms.full : err instanceof ApiError ? err.message : texts.room.notMember);
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
  return <RoomView session={session} roomId={roomId} cameraMissing={cameraMissing} />;
}

function RoomView({ session, roomId, cameraMissing }: { session: RoomSession; roomId: number; cameraMissing: boolean }) {
  const { api, user } = useSession();
  const state: RoomState = useSyncExternalStore(session.subscribe, session.getState);
  const [localStreamNotice, setLocalStreamNotice] = useState<string | null>(cameraMissing ? texts.room.cameraDenied : null);
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

  if (state.status === 'refused') {
    const message = state.refusal?.code === 'ROOM_FULL' ? texts.rooms.full : state.refusal?.msg || texts.room.notMember;
    return (
      <main className="room refused" data-testid="room-refused">
        <p className="error" role="alert">{message}</p>
        <button type="button" onClick={() => (forgetRoom(), navigate('/main'))}>{texts.nav.rooms}</button>
      </main>
    );
  }

  return (
    <main className="room" data-testid="room" data-status={state.status}>
      <Notice message={state.notice} onClose={clearNotice} />
      <Notice message={localStreamNotice} onClose={clearLocal} />
      {state.status === 'reconnecting' && <div className="banner" role="status">{texts.room.reconnecting}</div>}
      <section className={`grid grid-${state.members.length + 1}`} data-testid="video-grid">
        <VideoTile
          testId="self-tile"
          socketId={state.socketId}
          userId={user?.id ?? 0}
          nickname={user?.nickname ?? ''}
          stream={session.localStream}
          audio={state.audio}
          video={state.video}
          emoji={state.socketId ? state.emojis[state.socketId] : undefined}
          self
        />
        {state.members.map((m) => (
          <VideoTile
            key={m.socketId}
            testId="peer-tile"
            socketId={m.socketId}
            userId={m.userId}
            nickname={m.nickname}
            stream={m.stream}
            audio={m.audio}
            video={m.video}
            emoji={state.emojis[m.socketId]}
            peerState={m.peerState}
            connection={m.connection}
          />
        ))}
      </section>
      <aside className="side">
        <div className="card controls">
          <button type="button" data-testid="toggle-audio" onClick={session.toggleAudio}>{state.audio ? texts.room.micOn : texts.room.micOff}</button>
          <button type="button" data-testid="toggle-video" onClick={session.toggleVideo}>{state.video ? texts.room.camOn : texts.room.camOff}</button>
          <button type="button" className="danger" data-testid="leave" onClick={() => void leave()}>{texts.room.leave}</button>
        </div>
        <TimerPanel timer={state.timer} onStart={session.startTimer} onPause={session.pauseTimer} onResume={session.resumeTimer} onReset={session.resetTimer} />
        <ChatPanel chat={state.chat} onSend={session.sendMessage} onEmoji={session.sendEmoji} />
      </aside>
    </main>
  );
}
