import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

// Keeps docs/architecture.md true: reads the imports of every file under src/ (tests beside the
// code excluded: they may reach into test/support and other folders to set things up).
const SRC = resolve(import.meta.dirname);

/** Folders that may import app/, web/ and http/: the composition root, the delivery layers, entry points. */
const OUTER = new Set(['app', 'web', 'http', 'cli', 'demo', 'doctor', 'simulator', 'testServer']);
const FORBIDDEN_FOR_DOMAINS = ['app', 'web', 'http'];

/** Relative specifiers of `import … from`, `export … from`, `import '…'` and `import('…')`. */
const IMPORT = /\bfrom\s*['"](\.[^'"]+)['"]|\bimport\s*\(?\s*['"](\.[^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'assets' ? [] : sourceFiles(p);
    return /\.ts$/.test(e.name) && !/\.test\.ts$/.test(e.name) ? [p] : [];
  });
}

const folderOf = (file: string): string | null => {
  const rel = relative(SRC, file);
  if (rel.startsWith('..')) return `../${relative(dirname(SRC), file).split('/')[0]}`;
  const parts = rel.split('/');
  return parts.length > 1 ? parts[0]! : null;
};

/** `from -> to` → the files of `from` that import `to`. */
function folderImports(): Map<string, string[]> {
  const edges = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const from = folderOf(file);
    if (!from) continue;
    for (const [, a, b] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const fileName = (a ?? b)!;
      const to = folderOf(resolve(dirname(file), fileName));
      if (!to || to === from) continue;
      const key = `${from} -> ${to}`;
      edges.set(key, [...(edges.get(key) ?? []), relative(SRC, file)]);
    }
  }
  return edges;
}

function violations(edges: Map<string, string[]>): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, files] of edges) {
    const [from, to] = key.split(' -> ') as [string, string];
    const where = [...new Set(files)].join(', ');
    if (!OUTER.has(from) && FORBIDDEN_FOR_DOMAINS.includes(to))
      out.set(key, `${from}/ is a domain and must not import ${to}/ (${where})`);
    else if (edges.has(`${to} -> ${from}`)) out.set(key, `${from}/ and ${to}/ import each other (${where})`);
  }
  return out;
}

describe('architecture: who may import whom (docs/architecture.md)', () => {
  const edges = folderImports();
  const found = violations(edges);

  it('reads the imports of the source files', () => {
    expect(edges.get('app -> http')).toBeDefined();
    expect(sourceFiles(SRC).length).toBeGreaterThan(100);
  });

  it('no domain imports app/, web/ or http/, and no two folders import each other', () => {
    expect([...found.values()]).toEqual([]);
  });

  it('HTML is written only in web/ (and by the Webex stand-in in simulator/)', () => {
    const markup =
      /<(?:!doctype|html|body|main|div|p|section|table|form|ul|li|a|h[1-6]|span|strong|button|input)[\s>]/;
    const outside = sourceFiles(SRC)
      .filter((f) => !['web', 'simulator'].includes(folderOf(f) ?? ''))
      .filter((f) => markup.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f));
    expect(outside).toEqual([]);
  });

  it('tells a domain importing web/ and a pair of folders apart', () => {
    const demo = violations(
      new Map([
        ['crm -> web', ['crm/a.ts']],
        ['web -> crm', ['web/b.ts']],
        ['calls -> live', ['calls/c.ts']],
        ['live -> calls', ['live/d.ts']],
        ['web -> calls', ['web/e.ts']],
      ]),
    );
    expect([...demo.keys()].sort()).toEqual(['calls -> live', 'crm -> web', 'live -> calls', 'web -> crm']);
    expect(demo.get('crm -> web')).toContain('must not import web/');
  });
});
