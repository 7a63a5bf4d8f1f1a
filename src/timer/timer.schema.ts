import { z } from 'zod';

/**
 * The original client sends the parts as numbers or as the text of its inputs ("05", and "" for an empty
 * one, which counts as 0); a missing part is 0.
 */
const timePart = (max: number) =>
  z
    .union([z.number(), z.string().max(10).transform(Number)])
    .pipe(z.number().int().min(0).max(max))
    .default(0);

export const StartTimerSchema = z
  .looseObject({ hours: timePart(23), minutes: timePart(59), seconds: timePart(59) })
  .refine((t) => t.hours + t.minutes + t.seconds > 0, 'the total must be more than 0');
