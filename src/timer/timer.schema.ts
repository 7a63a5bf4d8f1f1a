import { z } from 'zod';
import { POMODORO_LIMITS } from './room-timer';

/**
 * The original client sends the parts as numbers or as the text of its inputs ("05", and "" for an empty
 * one, which counts as 0); a missing part is 0.
 */
const timePart = (max: number) =>
  z
    .union([z.number(), z.string().max(10).transform(Number)])
    .pipe(z.number().int().min(0).max(max))
    .default(0);

/** A pomodoro setting, a number or its text like the countdown's parts, but required. */
const planPart = ({ min, max }: { min: number; max: number }) => z.union([z.number(), z.string().max(10).transform(Number)]).pipe(z.number().int().min(min).max(max));

const COUNTDOWN_FIELDS = ['hours', 'minutes', 'seconds'] as const;
const POMODORO_FIELDS = ['focusMinutes', 'breakMinutes', 'rounds'] as const;
/** Loose objects keep unknown fields (the original client's roomId), so the other mode's fields are refused here. */
const without = (fields: readonly string[]) => (t: object) => fields.every((f) => !(f in t));

/** The original payload; `mode` is optional so that it stays exactly what the original client sends. */
export const CountdownSchema = z
  .looseObject({ mode: z.literal('countdown').optional(), hours: timePart(23), minutes: timePart(59), seconds: timePart(59) })
  .refine(without(POMODORO_FIELDS), 'a countdown takes hours, minutes and seconds, not pomodoro settings')
  .refine((t) => t.hours + t.minutes + t.seconds > 0, 'the total must be more than 0');

export const PomodoroSchema = z
  .looseObject({
    mode: z.literal('pomodoro'),
    focusMinutes: planPart(POMODORO_LIMITS.focusMinutes),
    breakMinutes: planPart(POMODORO_LIMITS.breakMinutes),
    rounds: planPart(POMODORO_LIMITS.rounds),
  })
  .refine(without(COUNTDOWN_FIELDS), 'a pomodoro takes focusMinutes, breakMinutes and rounds, not hours, minutes or seconds');

/** `mode` picks the branch, so a refusal names the chosen mode's field rather than "no union member matched". */
export const StartTimerSchema = z.discriminatedUnion('mode', [CountdownSchema, PomodoroSchema]);
