import { createApp } from '../../src/app';
import { loadConfig } from '../../src/config';
import { serveParent } from './ipc';

/** Our real server as the bench runs it: the production composition root, configured only by the env the bench passes. */
async function main() {
  // tsx turns source maps on for readable stacks; production (`node dist/main.js`) runs without them, and
  // Sequelize captures a stack on every query, so leaving them on would bill the bench for tsx, not for us.
  process.setSourceMapsEnabled(false);
  const app = await createApp(loadConfig(process.env));
  const parent = serveParent(() => app.close());
  const address = await app.listen(0, '127.0.0.1');
  parent.listening(address.port);
}

main().catch((err: unknown) => {
  process.send?.({ type: 'failed', message: err instanceof Error ? err.stack ?? err.message : String(err) });
  process.exit(1);
});
