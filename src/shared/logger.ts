import pino from 'pino';

export function createLogger(level: string) {
  return pino({
    level,
    redact: { paths: ['req.headers.authorization', '*.pwd', '*.password', '*.token'], remove: true },
  });
}
export type Logger = ReturnType<typeof createLogger>;
