import type { Response } from 'express';
import type { z } from 'zod';
import { AppError, toWireError } from '../errors';

/** The contract's envelope: `{ isSuccess: true, data, msg? }` plus any extra top-level keys (e.g. newBadge). */
export function sendOk(res: Response, status: number, data?: unknown, extra: Record<string, unknown> = {}): void {
  res.status(status).json({ isSuccess: true, ...(data === undefined ? {} : { data }), ...extra });
}

/**
 * The one renderer of the contract's error envelope `{ isSuccess: false, code, msg }` (plus extra
 * top-level keys, e.g. readiness `data`): the error handler, the rate limiters and readiness all answer through it.
 */
export function sendError(res: Response, err: AppError, extra: Record<string, unknown> = {}): void {
  res.status(err.status).json({ isSuccess: false, ...toWireError(err), ...extra });
}

/** Parses one edge input with zod; a failure is a VALIDATION error naming the field. */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue && issue.path.length ? issue.path.join('.') : 'input';
  throw new AppError('VALIDATION', `${where}: ${issue?.message ?? 'invalid'}`, { cause: result.error });
}

