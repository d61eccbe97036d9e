// `npm run build`: compiles src/ to dist/ (tsconfig.build.json) and copies the files the service reads at
// run time beside the compiled modules. The container image runs `node dist/cli/main.js serve`.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', join(root, 'tsconfig.build.json')], {
  stdio: 'inherit',
});
cpSync(join(root, 'src/web/assets'), join(root, 'dist/web/assets'), { recursive: true });
console.log('built dist/ (start: node --max-semi-space-size=2 dist/cli/main.js serve)');
