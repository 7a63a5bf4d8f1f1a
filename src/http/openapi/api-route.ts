import { z } from 'zod';
import type { ErrorCode } from '../../errors';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Params = z.ZodObject | z.ZodPipe;

/**
 * One REST route as the OpenAPI document describes it. Each feature lists its routes in a `*.openapi.ts`
 * beside its router, built from the very zod schemas the router parses with; the composition root
 * (app.ts) hands them all to `buildOpenApiDocument`.
 */
export type ApiRoute = {
  method: Method;
  /** The Express pattern under /api, as the router declares it (`/room/:roomId/user/:userId`). */
  path: string;
  tag: string;
  summary: string;
  description?: string;
  /** Behind requireUser: the Bearer scheme, and 401 UNAUTHENTICATED. */
  auth: boolean;
  params?: Params;
  query?: Params;
  /** A JSON body (adds 400 VALIDATION and 413 TOO_LARGE). */
  body?: z.ZodType;
  /** A multipart body instead of JSON (the image upload). */
  multipart?: z.ZodType;
  ok: {
    status: number;
    description: string;
    /** The whole response body (most routes: `okEnvelope(...)`). */
    schema: z.ZodType;
    /** Default application/json. */
    contentType?: string;
  };
  /** Codes the route answers besides those implied (VALIDATION for inputs, UNAUTHENTICATED for auth, UNAVAILABLE). */
  errors?: ErrorCode[];
  /** False for the routes that reach no database (liveness, metrics, this document): no 503. */
  usesStore?: boolean;
  /** An error body wider than the plain envelope, by status (readiness' 503 carries the checks). */
  errorSchemas?: Partial<Record<number, z.ZodType>>;
};

/** The contract's success envelope `{ isSuccess: true, data, msg? }`, plus top-level extras (`newBadge`). */
export function okEnvelope(data?: z.ZodType, extra: z.ZodRawShape = {}) {
  return z.strictObject({
    isSuccess: z.literal(true),
    ...(data ? { data } : {}),
    msg: z.string().optional(),
    ...extra,
  });
}

/** The contract's error envelope, its `code` narrowed to the codes one status can carry. */
export function errorEnvelope(codes: readonly ErrorCode[], extra: z.ZodRawShape = {}) {
  return z.strictObject({
    isSuccess: z.literal(false),
    msg: z.string(),
    code: z.enum(codes as [ErrorCode, ...ErrorCode[]]),
    ...extra,
  });
}
