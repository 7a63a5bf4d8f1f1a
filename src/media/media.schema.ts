import { z } from 'zod';

export const MediaStateSchema = z.looseObject({ audio: z.boolean(), video: z.boolean() });
