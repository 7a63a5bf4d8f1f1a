import { z } from 'zod';
import { NumberOrTextIdSchema, UserIdOrMeSchema } from '../shared/id';
import { userText } from '../shared/text';

const SPECIAL = /[!@#$%^&*()_\-+=~`{}[\]\\|"':;<>,./?]/;

/** 2-8 characters, none of the original's specials; the shared text rules (src/shared/text.ts) apply. */
export const NicknameSchema = userText({ min: 2, max: 8, lengthMessage: '닉네임은 2글자 ~ 8글자로 적어주세요.' }).refine(
  (s) => !SPECIAL.test(s),
  '닉네임에 특수문자를 사용할 수 없습니다.',
);

export const StatusMsgSchema = userText({ min: 1, max: 20, lengthMessage: '상태 메시지는 1글자 ~ 20글자로 적어주세요.' });

export const UserIdParamSchema = z.object({ userId: UserIdOrMeSchema });

export const ProfileImgBodySchema = z.object({ profileImg: z.string().max(500).url('must be a URL') });
export const NicknameBodySchema = z.object({ nickname: NicknameSchema });
export const StatusMsgBodySchema = z.object({ statusMsg: StatusMsgSchema });
/** The original client reads `badgeId` from a radio input, so it sends the id's text ("7"). */
export const MasterBadgeBodySchema = z.object({ badgeId: NumberOrTextIdSchema.nullable() });

export const CANNED_STATUS_MESSAGES = [
  '오늘도 아자아자!!',
  '밤하늘의 별..2 되고ㅍr',
  '오늘도.. 나는 고독과 싸운다.',
  '너와 함께라면 할 수 잇어!!',
  '너 나 우리.. 모두의 힘을 모아',
  '실패란 뭘까... 알고싶어..^;',
  '실패는 성공의 어머니!',
  '두렵냐? 나도 두렵다.. 함께하자!!',
] as const;
