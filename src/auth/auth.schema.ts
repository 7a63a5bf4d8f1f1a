import { z } from 'zod';
import { NicknameSchema } from '../users/users.schema';

export const EmailSchema = z
  .string()
  .trim()
  .max(191)
  .email('이메일 형식이 올바르지 않습니다.')
  .transform((s) => s.toLowerCase());

export const PasswordSchema = z.string().min(8, '비밀번호가 올바르지 않습니다.').max(16, '비밀번호가 올바르지 않습니다.');

export const SignUpBodySchema = z.object({ origin: EmailSchema, nickname: NicknameSchema, pwd: PasswordSchema });
export type SignUpBody = z.infer<typeof SignUpBodySchema>;

export const LogInBodySchema = z.object({
  origin: z.string({ error: '이메일 혹은 비밀번호를 입력하세요.' }).trim().min(1).max(191).transform((s) => s.toLowerCase()),
  pwd: z.string({ error: '이메일 혹은 비밀번호를 입력하세요.' }).min(1).max(72),
});
export type LogInBody = z.infer<typeof LogInBodySchema>;

export const AuthTypeParamSchema = z.object({ type: z.string().max(20) });
export const KakaoCallbackQuerySchema = z.object({ code: z.string().min(1).max(512) });
