import { z } from 'zod';
import { SocketRoomIdSchema } from '../realtime/payloads';

export const JoinRoomSchema = z.looseObject({ roomId: SocketRoomIdSchema });
