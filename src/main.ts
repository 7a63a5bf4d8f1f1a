import 'dotenv/config';
import { createApp } from './app';
import { loadConfig } from './config';

async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  const app = await createApp(config);
  const address = await app.listen();
  const where = config.db.dialect === 'sqlite' ? `SQLite file ${config.db.storage}` : 'MySQL/MariaDB (DATABASE_URL)';
  app.log.info(`with-me listening on http://localhost:${address.port} using ${where}`);
  if (config.jwt.ephemeral) {
    app.log.warn('JWT_SECRET is not set: using a random secret for this process, so tokens will not survive a restart');
  }

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      app.log.error('graceful stop took longer than 10 s; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    // The last lines must reach the log before the process ends: flush, then exit.
    const exit = (code: number) => app.log.flush(() => process.exit(code));
    app.close().then(
      () => {
        app.log.info({ signal }, 'stopped');
        exit(0);
      },
      (err: unknown) => {
        app.log.error({ err }, 'error while stopping');
        exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  console.error('with-me failed to start:', err instanceof Error ? err.message : err);
  process.exit(1);
});
