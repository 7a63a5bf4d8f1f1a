import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { serveParent } from './ipc';

/** Our real server as the bench runs it: the production composition root, configured only by the env the bench passes. */
async function main() {
  const app = await createApp(loadConfig(process.env));
  const parent = serveParent(() => app.close());
  const address = await app.listen(0, '127.0.0.1');
  parent.listening(address.port);
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
  process.exit(1);
});
