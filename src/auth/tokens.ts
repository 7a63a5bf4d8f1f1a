import { createSecretKey, randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { z } from 'zod';
import { invalidToken } from '../errors';

/** HS256 is pinned on both sides: `alg: none` and algorithm-confusion tokens never verify. */
export const JWT_ALGORITHM = 'HS256' as const;

const AccessPayloadSchema = z.object({ sub: z.string().regex(/^\d+$/), jti: z.string().min(1).max(64), exp: z.number() });
export type AccessClaims = { userId: number; jti: string; expiresAt: Date };

const TicketPayloadSchema = z.object({ sub: z.string(), room: z.number().int(), typ: z.literal('room-ticket') });

export function createTokens(jwtConfig: { secret: string; expiresIn: string }) {
  const { secret } = jwtConfig;
  /**
   * The secret as a KeyObject, made once. Given a string, jsonwebtoken first tries it as a PEM key and
   * builds a throw-away Error on every sign and verify: about 1 ms of CPU each, on every request.
   */
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  const expiresIn = /^\d+$/.test(jwtConfig.expiresIn) ? Number(jwtConfig.expiresIn) : jwtConfig.expiresIn;

  function issueAccess(userId: number): string {
    return jwt.sign({}, key, {
      algorithm: JWT_ALGORITHM,
      subject: String(userId),
      jwtid: randomUUID(),
      expiresIn: expiresIn as jwt.SignOptions['expiresIn'],
    });
  }

  /** Validates an access token's signature, algorithm, expiry and shape (revocation is checked by the caller). */
  function readAccess(token: string): AccessClaims {
    let decoded: unknown;
    try {
      decoded = jwt.verify(token, key, { algorithms: [JWT_ALGORITHM] });
    } catch {
      throw invalidToken();
    }
    return claimsOf(decoded);
  }

  function claimsOf(decoded: unknown): AccessClaims {
    const parsed = AccessPayloadSchema.safeParse(decoded);
    if (!parsed.success) throw invalidToken();
    return { userId: Number(parsed.data.sub), jti: parsed.data.jti, expiresAt: new Date(parsed.data.exp * 1000) };
  }

  /** A short-lived proof that this user gave the right password for this secret room. */
  function issueRoomTicket(userId: number, roomId: number, ttlSeconds = 300): string {
    return jwt.sign({ room: roomId, typ: 'room-ticket' }, key, {
      algorithm: JWT_ALGORITHM,
      subject: String(userId),
      expiresIn: ttlSeconds,
    });
  }

  function ticketIsValid(ticket: string, userId: number, roomId: number): boolean {
    try {
      const parsed = TicketPayloadSchema.safeParse(jwt.verify(ticket, key, { algorithms: [JWT_ALGORITHM] }));
      return parsed.success && parsed.data.sub === String(userId) && parsed.data.room === roomId;
    } catch {
      return false;
    }
  }

  return { issueAccess, readAccess, claimsOf, issueRoomTicket, ticketIsValid, key };
}
export type Tokens = ReturnType<typeof createTokens>;
