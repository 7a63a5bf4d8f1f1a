import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * The one definition of user-visible text (nicknames, room titles, tags, status messages; chat may use it
 * too): what is stored, and the key that decides whether two texts are "the same" for uniqueness.
 *
 * Stored value: NFC, trimmed. Refused: control characters (C0, DEL, C1, NUL included: engines disagree
 * on them, SQLite cut strings at NUL), bidi overrides and isolates (U+202A-U+202E, U+2066-U+2069: they
 * reorder what follows, "gnp.exe" shows as "exe.png"), and text that is nothing but invisible characters
 * (spaces, zero-width characters, Hangul fillers, variation selectors).
 *
 * Comparison key (`textKey`): NFKC (full-width and compatibility forms become plain), invisible characters
 * removed, case folded, and the Cyrillic and Greek letters drawn exactly like Latin ones mapped to Latin.
 * Not caught: other confusables (Unicode's full confusables table: "rn" vs "m", digits vs letters,
 * Armenian, Cherokee, ...) and accents ("café" and "cafe" are different names).
 * The key is stored as a SHA-256 so it has one length and one byte comparison on every engine; changing
 * `textKey` needs a migration that recomputes the stored keys (see 20260102000100-add-text-keys.js, which
 * holds a copy of this function as it was when the keys were first written).
 */

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
/** Characters that draw nothing: whitespace, zero-width and formatting characters, Hangul fillers, variation selectors. */
const INVISIBLE = /[\s\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u2028-\u202f\u205f-\u2064\u206a-\u206f\u3000\u3164\ufe00-\ufe0f\ufeff\uffa0\u{e0000}-\u{e007f}\u{e0100}-\u{e01ef}]/gu;
const LATIN_LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', к: 'k', м: 'm', н: 'h', о: 'o', р: 'p', с: 'c', т: 't', у: 'y', х: 'x', ѕ: 's', і: 'i', ј: 'j', ԁ: 'd', ԛ: 'q', ԝ: 'w', һ: 'h',
  α: 'a', β: 'b', ε: 'e', η: 'n', ι: 'i', κ: 'k', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x',
};
const LOOKALIKE = new RegExp(`[${Object.keys(LATIN_LOOKALIKES).join('')}]`, 'gu');

export const codePoints = (s: string) => [...s].length;

/** The stored form: NFC, trimmed (including the invisible characters trim does not know at either end). */
export function normalizeText(s: string): string {
  return s.normalize('NFC').replace(/^[\s\u200b-\u200d\u2060\ufeff]+|[\s\u200b-\u200d\u2060\ufeff]+$/gu, '');
}

/** The comparison text: NFKC, invisibles removed, case folded (toUpperCase then toLowerCase folds ß to ss), look-alikes mapped. */
export function comparisonText(s: string): string {
  const folded = s.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase().normalize('NFKC');
  return folded.replace(LOOKALIKE, (c) => LATIN_LOOKALIKES[c]!);
}

/** The stored uniqueness key: SHA-256 (hex) of the comparison text. */
export const textKey = (s: string): string => createHash('sha256').update(comparisonText(s), 'utf8').digest('hex');

export const hasControlCharacters = (s: string) => CONTROL.test(s);
export const isInvisibleOnly = (s: string) => s.replace(INVISIBLE, '').length === 0;

export type TextRules = {
  /** Fewest and most code points (Korean syllables and emoji count as one each). */
  min: number;
  max: number;
  /** Message when the length (in code points) is outside min-max. */
  lengthMessage: string;
};

/** A zod schema for one user-visible text field; parse it to get the stored (normalised) value. */
export function userText({ min, max, lengthMessage }: TextRules) {
  return z
    .string()
    .max(max * 8, lengthMessage)
    .transform(normalizeText)
    .refine((s) => !hasControlCharacters(s), '제어 문자는 사용할 수 없습니다.')
    .refine((s) => !BIDI_CONTROL.test(s), '글자 방향을 바꾸는 문자는 사용할 수 없습니다.')
    .refine((s) => min === 0 || !isInvisibleOnly(s), '보이지 않는 문자만으로는 적을 수 없습니다.')
    .refine((s) => codePoints(s) >= min && codePoints(s) <= max, lengthMessage);
}
