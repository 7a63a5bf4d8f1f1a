import fs from 'node:fs';
import path from 'node:path';
import { productionNodeFlags } from './lib/runtime-flags';

describe('productionNodeFlags', () => {
  it('reads the flags between node and the script from a start script', () => {
    expect(productionNodeFlags('node --max-semi-space-size=64 --enable-source-maps dist/main.js')).toEqual(['--max-semi-space-size=64', '--enable-source-maps']);
    expect(productionNodeFlags('node dist/main.js')).toEqual([]);
    expect(productionNodeFlags('exec node --max-semi-space-size=64 dist/main.js')).toEqual(['--max-semi-space-size=64']);
    expect(() => productionNodeFlags('tsx src/main.ts')).toThrow('run node directly');
  });

  it('npm start and the Docker image run the server with the same flags, which the bench also uses', () => {
    const flags = productionNodeFlags();
    expect(flags).toContain('--max-semi-space-size=64');
    const dockerfile = fs.readFileSync(path.join(__dirname, '..', 'Dockerfile'), 'utf8');
    const cmd = /^CMD (\[.*\])$/m.exec(dockerfile.split('\n').filter((l) => l.startsWith('CMD [')).join('\n'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(['node', ...flags, 'dist/main.js']);
  });
});
