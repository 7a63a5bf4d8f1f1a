import { z } from 'zod';
import { EMOJIS } from '../contract/emojis';

export const SendMessageSchema = z.looseObject({
  message: z
    .string()
    .max(500, 'at most 500 characters')
    .refine((m) => m.trim().length > 0, 'must not be empty'),
});

export const SendEmojiSchema = z.looseObject({ emoji: z.enum(EMOJIS) });
