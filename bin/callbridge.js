#!/usr/bin/env node
// Entry for `npx callbridge` / `npm link`; the CLI itself is TypeScript run by Node's type stripping.
await import('../src/cli/main.ts');
