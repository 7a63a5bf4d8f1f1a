import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.join(__dirname, '..', '..');

/**
 * The Node/V8 flags production runs with, read from `npm start` (`exec node <flags> dist/main.js`), so the
 * bench measures the server as it is shipped and gives the relay the same runtime settings: a ratio of
 * two differently tuned runtimes would say nothing about the code.
 */
export function productionNodeFlags(startScript = readStartScript()): string[] {
  // `exec` makes the shell npm runs the script in become node, so a SIGTERM to npm reaches the server.
  const words = startScript.trim().replace(/^exec\s+/, '').split(/\s+/);
  if (words[0] !== 'node') throw new Error(`npm start is expected to run node directly, not: ${startScript}`);
  return words.slice(1).filter((w) => w.startsWith('--'));
}

function readStartScript(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts?: Record<string, string> };
  const start = pkg.scripts?.start;
  if (!start) throw new Error('package.json has no start script');
  return start;
}
