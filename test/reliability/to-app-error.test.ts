import { ZodError, z } from 'zod';
import { AppError, toAppError } from '../../src/errors';

/** Every row of the one converter, because a wrong row turns a client's mistake or an outage into a 500. */
const named = (name: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(name), { name, ...extra });

describe('toAppError', () => {
  const zodError = (() => {
    try {
      z.object({ a: z.string() }).parse({ a: 1 });
    } catch (err) {
      return err as ZodError;
    }
    throw new Error('unreachable');
  })();

  it.each([
    ['an AppError', new AppError('ROOM_FULL', 'full'), 'ROOM_FULL', 409],
    ['a ZodError', zodError, 'VALIDATION', 400],
    ['a body over the limit', Object.assign(new Error('too large'), { type: 'entity.too.large', status: 413 }), 'TOO_LARGE', 413],
    ['malformed JSON', Object.assign(new SyntaxError('bad'), { type: 'entity.parse.failed', status: 400 }), 'VALIDATION', 400],
    ['an unsupported charset', Object.assign(new Error('charset'), { type: 'charset.unsupported', status: 415 }), 'VALIDATION', 400],
    ['a unique violation', named('SequelizeUniqueConstraintError'), 'CONFLICT', 409],
    ['a foreign key violation', named('SequelizeForeignKeyConstraintError'), 'NOT_FOUND', 404],
    ['a file over the upload limit', named('MulterError', { code: 'LIMIT_FILE_SIZE' }), 'TOO_LARGE', 413],
    ['an unexpected upload field', named('MulterError', { code: 'LIMIT_UNEXPECTED_FILE' }), 'VALIDATION', 400],
    ['a broken multipart body (busboy through multer)', Object.assign(new Error('Malformed part header'), { storageErrors: [] }), 'VALIDATION', 400],
    ['a malformed % escape in a path (the router)', Object.assign(new URIError("Failed to decode param '%'"), { status: 400 }), 'VALIDATION', 400],
    ['an http-errors 404', Object.assign(new Error('not found'), { status: 404 }), 'NOT_FOUND', 404],
    ['a refused database connection', named('SequelizeConnectionRefusedError'), 'UNAVAILABLE', 503],
    ['a lost database connection', Object.assign(named('SequelizeDatabaseError'), { parent: { code: 'PROTOCOL_CONNECTION_LOST' } }), 'UNAVAILABLE', 503],
    ['a pool acquire timeout', named('SequelizeConnectionAcquireTimeoutError'), 'UNAVAILABLE', 503],
    ['a query after the pool was closed (during a stop)', new Error('ConnectionManager.getConnection was called after the connection manager was closed!'), 'UNAVAILABLE', 503],
    ['a programming error', new TypeError('x is not a function'), 'INTERNAL', 500],
    ['a 5xx-marked error', Object.assign(new Error('upstream'), { status: 502 }), 'INTERNAL', 500],
    ['a thrown string', 'oops', 'INTERNAL', 500],
  ])('maps %s to %s (%d)', (_name, err, code, status) => {
    const logged: unknown[] = [];
    const mapped = toAppError(err, { error: (obj) => logged.push(obj) });
    expect([mapped.code, mapped.status]).toEqual([code, status]);
    // Only the unexpected is logged; its message never reaches the client.
    expect(logged.length).toBe(code === 'INTERNAL' ? 1 : 0);
    if (code === 'INTERNAL') expect(mapped.message).toBe('Internal error');
  });
});
