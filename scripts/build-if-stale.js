#!/usr/bin/env node
/**
 * `npm start`'s prestart: builds the server and the web client only when their inputs changed since the
 * last build (`npm run build` always builds, and records the fingerprint too), so a restart on a built tree starts in seconds instead of rebuilding for a minute or more.
 * The inputs are fingerprinted by content (not mtimes, which a checkout or a copy resets); the fingerprint
 * of the last successful build is kept in dist/.build-inputs.
 */
const { createHash } = require('node:crypto');
const { execSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..');
const INPUT_DIRS = ['src', 'web/src', 'migrations', 'seeders'];
const INPUT_FILES = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', 'web/tsconfig.json', 'web/vite.config.ts', 'web/index.html'];
const OUTPUTS = ['dist/main.js', 'web/dist/index.html'];
const STAMP = 'dist/.build-inputs';

function filesUnder(root, dir) {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(root, relative) : [relative];
  });
}

/** One hash over every input's path and content, in a fixed order. */
function fingerprint(root = ROOT) {
  const hash = createHash('sha256');
  const files = [...INPUT_DIRS.flatMap((dir) => filesUnder(root, dir)), ...INPUT_FILES.filter((f) => fs.existsSync(path.join(root, f)))].sort();
  for (const file of files) {
    hash.update(file);
    hash.update('\0');
    hash.update(fs.readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

function isCurrent(root = ROOT) {
  if (!OUTPUTS.every((f) => fs.existsSync(path.join(root, f)))) return false;
  const stamp = path.join(root, STAMP);
  return fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8').trim() === fingerprint(root);
}

/** `npm run build` (`--always`) builds whatever the fingerprint says; prestart builds only a stale tree. */
function main() {
  if (!process.argv.includes('--always') && isCurrent()) {
    process.stdout.write('build is current: starting without rebuilding\n');
    return;
  }
  // Fingerprinted before the build, so an edit made while it runs makes the next start build again.
  const inputs = fingerprint();
  execSync('npm run build:server && npm run build:web', { cwd: ROOT, stdio: 'inherit' });
  fs.writeFileSync(path.join(ROOT, STAMP), `${inputs}\n`);
}

module.exports = { fingerprint, isCurrent, STAMP };
if (require.main === module) main();
