import { z } from 'zod';

/** Ids are SQL INT columns: the largest one the tables can hold. */
export const MAX_ID = 2_147_483_647;

/**
 * The one id rule for rooms, users, badges and categories: a positive integer that fits the INT column.
 * This form takes a JSON number only (body fields such as `badgeId`, where "7" is a client's type mistake).
 */
export const IdSchema = z.number({ error: 'must be a number' }).int('must be an integer').positive('must be positive').max(MAX_ID, 'must be an id');

/**
 * An id as a path segment, in its one canonical spelling: decimal digits without a leading zero or sign (no
 * "007", "+7", "1e3", "0x10", " 12" or "1.0"), then the same rule. One spelling per id, so anything keyed
 * on the path text (a rate limit, a cache) cannot be sidestepped by writing the same number another way.
 */
export const PathIdSchema = z.string().regex(/^[1-9]\d{0,9}$/, 'must be a decimal id without leading zeros').transform(Number).pipe(IdSchema);

/** An id sent as a number or as its decimal text (clients that read it from a form or a URL send text). */
export const NumberOrTextIdSchema = z.union([IdSchema, PathIdSchema]);

/** A `:userId` path segment: "me" or a user id (the self check is assertSelf's, in auth/require-user.ts). */
export const UserIdOrMeSchema = z.union([z.literal('me'), PathIdSchema]);
