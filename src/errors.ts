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

/**
 * Named failures: the ones that recur (across features or within one) and the ones the auth checks raise,
 * so each keeps one code and one text (the original client shows `msg` as it is). A failure raised in one
 * place only stays a plain `new AppError` there.
 */
export const roomNotFound = () => new AppError('NOT_FOUND', '존재하지 않는 방입니다.');
export const roomFull = () => new AppError('ROOM_FULL', '인원이 모두 찼습니다.');
export const wrongRoomPassword = () => new AppError('WRONG_ROOM_PASSWORD', '비밀번호가 일치하지 않습니다.');
/** Leaving a room one is not in, over REST: the contract's 404 (the socket side answers NOT_IN_ROOM). */
export const notInRoom = () => new AppError('NOT_FOUND', '참여하고 있지 않은 방입니다.');
export const roomTitleTaken = () => new AppError('CONFLICT', '이미 존재하는 방 제목입니다.');
export const userNotFound = () => new AppError('NOT_FOUND', '일치하는 유저 정보가 없습니다.');
export const nicknameTaken = () => new AppError('CONFLICT', '이미 존재하는 닉네임입니다.');
export const badgeNotFound = () => new AppError('NOT_FOUND', '존재하지 않는 뱃지입니다.');
/** No Authorization header (or none reached the check). */
export const missingToken = () => new AppError('UNAUTHENTICATED', '토큰 정보가 없습니다.');
/** A token that fails its signature, algorithm, expiry or shape. */
export const invalidToken = () => new AppError('UNAUTHENTICATED', '유효하지 않은 토큰입니다.');
/** A well-formed token whose user is gone or which was revoked at log-out. */
/** A live socket whose token expired, or was revoked by a log-out. */
export const tokenExpired = () => new AppError('UNAUTHENTICATED', '로그인이 만료되었습니다. 다시 로그인해 주세요.');
export const tokenRevoked = () => new AppError('UNAUTHENTICATED', '로그아웃되어 연결이 종료되었습니다. 다시 로그인해 주세요.');
export const otherUsersToken = () => new AppError('FORBIDDEN', '다른 사용자의 토큰으로 바꿀 수 없습니다.');
export const tokenNoLongerValid = () => new AppError('UNAUTHENTICATED', '유효한 값의 토큰이 아닙니다.');
export const kakaoLoginFailed = () => new AppError('UNAUTHENTICATED', '카카오 로그인 오류');
export const otherUsersProfile = () => new AppError('FORBIDDEN', '다른 사용자의 정보는 변경할 수 없습니다.');
export const otherUsersRecords = () => new AppError('FORBIDDEN', '다른 사용자의 기록은 볼 수 없습니다.');
export const adminOnly = () => new AppError('FORBIDDEN', '관리자만 사용할 수 있습니다.');
/** Sign-up with a password on the common-passwords list (src/auth/common-passwords.ts). */
export const commonPassword = () => new AppError('VALIDATION', '너무 흔한 비밀번호입니다. 다른 비밀번호를 사용해주세요.');
/** Sign-up with a password equal to the email, its local part or the nickname. */
export const passwordLikeIdentity = () => new AppError('VALIDATION', '이메일이나 닉네임과 같은 비밀번호는 사용할 수 없습니다.');
export const rateLimited = () => new AppError('RATE_LIMITED', '요청이 너무 많습니다. 잠시 후 다시 시도해주세요.');
/** A socket event that needs a room, from a socket that does not speak for one (not joined, or replaced). */
export const notJoined = () => new AppError('NOT_IN_ROOM', '먼저 방에 입장해 주세요.');
/** `join room` for a room the user did not enter over REST. */
export const notAMember = () => new AppError('NOT_IN_ROOM', '이 방의 참여자가 아닙니다. 방에 먼저 입장해 주세요.');
export const peerNotInRoom = () => new AppError('NOT_IN_ROOM', '상대방이 같은 방에 있지 않습니다.');
export const peerNotFound = () => new AppError('NOT_FOUND', '연결할 상대방을 찾을 수 없습니다.');
export const liveStateUnavailable = (cause: unknown) => new AppError('UNAVAILABLE', '실시간 연결이 잠시 불안정합니다. 잠시 후 다시 시도해 주세요.', { cause });

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
/**
 * Messages of outages whose errors carry no telling name or code: a closed pool or connection, and Mongoose
 * reporting a server it cannot reach ("buffering timed out", "server selection", "topology").
 */
const UNAVAILABLE_MESSAGE =
  /connection (is )?(closed|lost)|can't add new command when connection is in closed state|Connection is closed|connection manager was closed|UNAVAILABLE|buffering timed out|server selection|topology|ECONNREFUSED/i;

/**
 * The one outage classifier: whether `err` means a dependency (SQL, MongoDB, Redis) is unreachable, as
 * opposed to a request or a write it will never accept. Outages answer 503 and are retried; the rest is not.
 */
export function isOutage(err: unknown): boolean {
  if (err instanceof AppError) return err.code === 'UNAVAILABLE';
  if (!isObject(err)) return false;
  if (typeof err.name === 'string' && UNAVAILABLE_NAMES.has(err.name)) return true;
  const parent = isObject(err.parent) ? err.parent : isObject(err.original) ? err.original : undefined;
  const code = (parent?.code ?? err.code) as unknown;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return UNAVAILABLE_MESSAGE.test(typeof err.message === 'string' ? err.message : '');
}

/**
 * The one unique-key check. With `table`, only a violation by an INSERT into that table counts (Sequelize
 * keeps the failed statement on the error), for a transaction whose writes touch several unique keys.
 */
export function isUniqueViolation(err: unknown, table?: string): boolean {
  if (!isObject(err) || err.name !== 'SequelizeUniqueConstraintError') return false;
  if (table === undefined) return true;
  const sql = typeof err.sql === 'string' ? err.sql : '';
  return /^INSERT INTO [`"]?(\w+)/.exec(sql)?.[1] === table;
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
    if (isUniqueViolation(err)) return new AppError('CONFLICT', 'Already exists');
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
    if (isOutage(err)) return new AppError('UNAVAILABLE', 'Service temporarily unavailable', { cause: err });
    // Express and its middleware (the router decoding a malformed `%` escape in a path, for one) mark
    // client errors with a 4xx `status`: a bad request, never a 500.
    if (typeof err.status === 'number' && err.status >= 400 && err.status < 500) return clientErrorFor(err.status, err.message);
  }
  log?.error({ err }, 'unexpected error');
  return new AppError('INTERNAL', 'Internal error', { cause: err });
}
