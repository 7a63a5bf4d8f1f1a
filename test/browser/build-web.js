/** The browser tests exercise the client as shipped: build web/dist once before any test file runs. */
const path = require('node:path');

module.exports = async function buildWeb() {
  const { build } = await import('vite');
  await build({ configFile: path.resolve(__dirname, '..', '..', 'web', 'vite.config.ts'), logLevel: 'warn' });
};
