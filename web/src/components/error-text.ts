import { ApiError } from '../api';
import { texts } from '../texts';

/** What a person reads about a refusal, and which field it belongs next to (null: the form as a whole). */
export type ErrorText = { field: string | null; text: string };

const HANGUL = /[\uac00-\ud7a3]/;
/** The server names the field of a VALIDATION refusal as a prefix: "nickname: 닉네임은 …". */
const FIELD_PREFIX = /^([A-Za-z][\w.]*): ([\s\S]*)$/;

/**
 * The server's `code` and field, read as Korean: the server's own sentence when it is Korean (without the
 * field prefix), else the client's sentence for that field or that code. Never an English validator message.
 */
export function describeError(err: unknown): ErrorText {
  if (!(err instanceof ApiError)) return { field: null, text: texts.errors.generic };
  if (err.code === 'NETWORK') return { field: null, text: texts.errors.network };
  const prefixed = FIELD_PREFIX.exec(err.message);
  const field = prefixed ? prefixed[1]!.split('.')[0]! : null;
  const sentence = prefixed ? prefixed[2]!.trim() : err.message.trim();
  if (sentence && HANGUL.test(sentence)) return { field, text: sentence };
  if (field && texts.errors.byField[field]) return { field, text: texts.errors.byField[field]! };
  return { field, text: texts.errors.byCode[err.code] ?? texts.errors.generic };
}

/** The sentence alone, for a notice that belongs to no field. */
export const errorText = (err: unknown): string => describeError(err).text;
