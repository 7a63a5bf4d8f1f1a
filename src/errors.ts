import { ZodError } from 'zod';

/** Status of each stable error code on the wire (../shared/contract.md, Conventions). */
export const ERROR_STATUS = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  ROOM_FULL: 409,
  WRONG_ROOM_PASSWORD: 409,
  NOT_IN_ROOM: 409,
  TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
} as const;
export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'AppError';
  }
  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export type WireError = { code: ErrorCode; msg: string };

export const toWireError = (e: AppError): WireError => ({ code: e.code, msg: e.message });

type Logger = { error: (obj: object, msg?: string) => void };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function describeZod(err: ZodError): string {
  const issue = err.issues[0];
  if (!issue) return 'Invalid input';
  const where = issue.path.length ? issue.path.join('.') : 'payload';
  return `${where}: ${issue.message}`;
}

const UNAVAILABLE_NAMES = new Set([
  'SequelizeConnectionError',
  'SequelizeConnectionRefusedError',
  'SequelizeConnectionTimedOutError',
  'SequelizeHostNotFoundError',
  'SequelizeHostNotReachableError',
  'SequelizeConnectionAcquireTimeoutError',
  'SequelizeAccessDeniedError',
  'MongoNetworkError',
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
]);
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'PROTOCOL_CONNECTION_LOST',
  'ER_SERVER_SHUTDOWN',
  'SQLITE_BUSY',
]);

function isUnavailable(err: Record<string, unknown>): boolean {
  if (typeof err.name === 'string' && UNAVAILABLE_NAMES.has(err.name)) return true;
  const parent = isObject(err.parent) ? err.parent : isObject(err.original) ? err.original : undefined;
  const code = (parent?.code ?? err.code) as unknown;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  const msg = typeof err.message === 'string' ? err.message : '';
  return /connection (is )?(closed|lost)|can't add new command when connection is in closed state|Connection is closed|connection manager was closed|UNAVAILABLE/i.test(msg);
}

function clientErrorFor(status: number, message: unknown): AppError {
  const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((c) => ERROR_STATUS[c] === status) ?? 'VALIDATION';
  return new AppError(code, typeof message === 'string' && message ? message : 'Bad request');
}

/**
 * The one converter from anything thrown to an AppError. It logs the original only when it becomes
 * INTERNAL, because every other row is an expected, client-caused or operational outcome.
 */
export function toAppError(err: unknown, log?: Logger): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return new AppError('VALIDATION', describeZod(err), { cause: err });
  if (isObject(err)) {
    // body-parser marks its own errors with `type` and `status`.
    if (err.type === 'entity.too.large') return new AppError('TOO_LARGE', 'Request body is too large');
    if (err.type === 'entity.parse.failed') return new AppError('VALIDATION', 'body: malformed JSON');
    if (typeof err.type === 'string' && err.type.startsWith('entity.') && err.status === 400) {
      return new AppError('VALIDATION', `body: ${String(err.message)}`);
    }
    if (err.type === 'encoding.unsupported' || err.type === 'charset.unsupported') {
      return new AppError('VALIDATION', 'body: unsupported encoding');
    }
    if (err.name === 'SequelizeUniqueConstraintError') return new AppError('CONFLICT', 'Already exists');
    if (err.name === 'SequelizeForeignKeyConstraintError') return new AppError('NOT_FOUND', 'Referenced item not found');
    if (err.name === 'MulterError') {
      return err.code === 'LIMIT_FILE_SIZE'
        ? new AppError('TOO_LARGE', 'File is too large')
        : new AppError('VALIDATION', `upload: ${String(err.message)}`);
    }
    // multer passes busboy's parse errors ("Malformed part header", "Unexpected end of form") on with a
    // `storageErrors` list attached: the multipart body itself is broken, which is the client's doing.
    if (Array.isArray(err.storageErrors) && err.storageErrors.length === 0 && err instanceof Error) {
      return new AppError('VALIDATION', `upload: ${err.message}`);
    }
    if (isUnavailable(err)) return new AppError('UNAVAILABLE', 'Service temporarily unavailable', { cause: err });
    // Express and its middleware (the router decoding a malformed `%` escape in a path, for one) mark
    // client errors with a 4xx `status`: a bad request, never a 500.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return clientErrorFor(err.status, err.message);
  }
  log?.error({ err }, 'unexpected error');
  return new AppError('INTERNAL', 'Internal error', { cause: err });
}
