import { notJoined } from '../errors';
import { currentMember } from '../realtime/live-member';
import type { RoomStore } from '../realtime/room-store';
import { roomChannel, type Connection, type IoServer, type SocketFeature } from '../realtime/socket-types';
import { MediaStateSchema } from './media.schema';

type MediaDeps = { io: Pick<IoServer, 'to'>; store: Pick<RoomStore, 'getMember' | 'patchMember'> };

/** Mic and camera state: kept on the live member (late joiners get it in `send users`) and told to the room. */
export function createMediaSockets({ io, store }: MediaDeps): SocketFeature {
  function register({ socket, limiters, onEvent }: Connection): void {
    onEvent(socket, 'media state', MediaStateSchema, async ({ audio, video }) => {
      const member = await currentMember(store, socket);
      const updated = await store.patchMember(member.roomId, member.userId, socket.id, { audio, video });
      if (!updated) throw notJoined();
      io.to(roomChannel(member.roomId)).emit('media state', { socketId: socket.id, userId: member.userId, audio, video });
    }, { limiters: [limiters.all] });
  }
  return { name: 'media', register };
}
