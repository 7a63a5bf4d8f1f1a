import { z } from 'zod';
import { NumberOrTextIdSchema } from '../shared/id';

export const JoinRoomSchema = z.looseObject({ roomId: NumberOrTextIdSchema });
