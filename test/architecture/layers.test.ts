import fs from 'node:fs';
import path from 'node:path';

/**
 * The dependency rule of docs/ARCHITECTURE.md: the lower layers (http/, db/, realtime/, shared/) know no
 * feature. The one exception is the model registry, which is where every feature's model is defined.
 */
const SRC = path.join(__dirname, '..', '..', 'src');
const LOWER = ['http', 'db', 'realtime', 'shared'];
const ALLOWED = new Set(['db/models.ts']);
const FEATURES = fs
  .readdirSync(SRC, { withFileTypes: true })
  .filter((d) => d.isDirectory() && !LOWER.includes(d.name) && d.name !== 'contract')
  .map((d) => d.name);

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? filesUnder(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s+'([^']+)'/gm), ...text.matchAll(/\bimport\(\s*'([^']+)'\s*\)/g)].map((m) => m[1]!);
}

describe('layers', () => {
  it('finds the feature folders it guards against', () => {
    expect(FEATURES).toEqual(expect.arrayContaining(['membership', 'timer', 'chat', 'signaling', 'media', 'rooms', 'users', 'auth', 'badges', 'participation']));
  });

  it.each(LOWER)('src/%s imports no feature', (layer) => {
    const offending: string[] = [];
    for (const file of filesUnder(path.join(SRC, layer))) {
      const relative = path.relative(SRC, file);
      if (ALLOWED.has(relative)) continue;
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const target = path.relative(SRC, path.resolve(path.dirname(file), spec)).split(path.sep)[0]!;
        if (FEATURES.includes(target)) offending.push(`${relative} -> ${spec}`);
      }
    }
    expect(offending).toEqual([]);
  });
});
