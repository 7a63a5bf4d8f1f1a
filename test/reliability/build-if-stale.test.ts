import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// The prestart script is plain CommonJS so that `npm start` needs nothing compiled to decide.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { fingerprint, isCurrent, STAMP } = require('../../scripts/build-if-stale.js') as {
  fingerprint(root: string): string;
  isCurrent(root: string): boolean;
  STAMP: string;
};

/** A tree with a server source, a web source and a lock file, built (outputs present) or not. */
function tree(built: boolean) {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'with-me-build-'));
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  };
  write('src/main.ts', 'export {};\n');
  write('web/src/App.tsx', 'export const App = 1;\n');
  write('package-lock.json', '{}\n');
  if (built) {
    write('dist/main.js', '"use strict";\n');
    write('web/dist/index.html', '<!doctype html>\n');
    write(STAMP, `${fingerprint(root)}\n`);
  }
  return { root, write };
}

describe('npm start builds only when an input changed', () => {
  it('a built tree whose inputs are unchanged is current, whatever happens in its outputs', () => {
    const { root, write } = tree(true);
    expect(isCurrent(root)).toBe(true);
    write('dist/main.js', '"use strict"; // rebuilt by hand\n');
    expect(isCurrent(root)).toBe(true);
  });

  it('a change to a server source, a web source or the lock file makes it stale', () => {
    for (const file of ['src/main.ts', 'web/src/App.tsx', 'package-lock.json']) {
      const { root, write } = tree(true);
      write(file, `${fs.readFileSync(path.join(root, file), 'utf8')}// changed\n`);
      expect(isCurrent(root)).toBe(false);
    }
  });

  it('a new source file makes it stale, and so does a missing output or stamp', () => {
    const added = tree(true);
    added.write('src/new-feature.ts', 'export {};\n');
    expect(isCurrent(added.root)).toBe(false);
    const noWeb = tree(true);
    fs.rmSync(path.join(noWeb.root, 'web/dist/index.html'));
    expect(isCurrent(noWeb.root)).toBe(false);
    expect(isCurrent(tree(false).root)).toBe(false);
  });

  it('the fingerprint depends on content, not on when a file was written', () => {
    const { root, write } = tree(false);
    const before = fingerprint(root);
    write('src/main.ts', 'export {};\n');
    expect(fingerprint(root)).toBe(before);
  });
});
