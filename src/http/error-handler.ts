import type { ErrorRequestHandler, RequestHandler } from 'express';
import { AppError, toAppError } from '../errors';
import type { Logger } from '../shared/logger';
import { sendError } from './respond';

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new AppError('NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

/** Every error leaves as the contract's envelope; only unexpected ones are logged (inside toAppError). */
export function createErrorHandler(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const appError = toAppError(err, { error: (obj, msg) => log.error({ ...obj, method: req.method, url: req.originalUrl }, msg) });
    if (appError.code === 'UNAVAILABLE') log.warn({ url: req.originalUrl, cause: String((err as Error)?.message) }, 'dependency unavailable');
    if (res.headersSent) return;
    sendError(res, appError);
  };
}
