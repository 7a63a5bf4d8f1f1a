import { z } from 'zod';

/** `refresh token`: a fresh access token for the same user, so a long stay outlives the first token. */
export const RefreshTokenSchema = z.looseObject({ token: z.string().min(1).max(4096) });
