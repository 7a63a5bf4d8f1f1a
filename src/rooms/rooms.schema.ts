import { z } from 'zod';
import { userText } from '../shared/text';
import { NumberOrTextIdSchema, PathIdSchema, UserIdOrMeSchema } from '../shared/id';

export const TagNameSchema = userText({ min: 1, max: 8, lengthMessage: '태그는 1글자 ~ 8글자로 적어주세요.' });

export const CreateRoomBodySchema = z
  .object({
    title: userText({ min: 1, max: 30, lengthMessage: '방 제목은 1글자 ~ 30글자로 적어주세요.' }),
    isSecret: z.boolean().default(false),
    pwd: z.string().max(64).optional().nullable(),
    categoryId: NumberOrTextIdSchema,
    tags: z.array(TagNameSchema).max(5, 'at most 5 tags').default([]),
  })
  .superRefine((b, ctx) => {
    if (b.isSecret && (typeof b.pwd !== 'string' || b.pwd.length < 4 || b.pwd.length > 10)) {
      ctx.addIssue({ code: 'custom', path: ['pwd'], message: '비밀번호는 4글자 ~ 10글자로 적어주세요.' });
    }
  });
export type CreateRoomBody = z.infer<typeof CreateRoomBodySchema>;

export const RoomUserParamsSchema = z.object({ roomId: PathIdSchema, userId: UserIdOrMeSchema });
export const RoomIdParamsSchema = z.object({ roomId: PathIdSchema });
export const RoomPwdParamsSchema = z.object({ roomId: PathIdSchema, pwd: z.string().min(1).max(64) });
export const RoomPwdBodySchema = z.object({ pwd: z.string().min(1).max(64) });
export const EnterRoomBodySchema = z
  .object({ pwd: z.string().max(64).optional().nullable(), ticket: z.string().max(1_000).optional().nullable() })
  .optional()
  .transform((b) => b ?? {});

export const PageQuerySchema = z.object({
  p: z.coerce.number({ error: 'p must be a page number' }).int().min(1).max(100_000).default(1),
});
export const ListRoomsQuerySchema = PageQuerySchema.extend({
  // Control characters are no search text, and engines disagree on them (SQLite's LIKE stops at a NUL
  // and matched every room; MariaDB matched none), so they are refused rather than given a meaning.
  q: z
    .string()
    .trim()
    .max(30)
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'q must not contain control characters')
    .optional()
    .default('all'),
});
/**
 * The original client asks for category 0 when "possible" is clicked after a category; no room has it, and
 * the original answered an empty list, so 0 is accepted here (and only here) as "no category".
 */
export const CategoryParamsSchema = z.object({ categoryId: z.union([z.literal('0').transform(() => 0), PathIdSchema]) });

/** Page 1 holds 7 rooms because the client's grid keeps its first slot for "create a room"; later pages 8. */
export function pageWindow(page: number): { offset: number; limit: number } {
  return page <= 1 ? { offset: 0, limit: 7 } : { offset: 7 + 8 * (page - 2), limit: 8 };
}
