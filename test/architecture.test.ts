import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return e.name.endsWith('.ts') && !e.name.includes('.test') ? [p] : [];
  });
}

const files = sourceFiles(SRC).map((p) => ({ path: relative(SRC, p), text: readFileSync(p, 'utf8') }));
const imports = (text: string): string[] => [...text.matchAll(/from '([^']+)'/g)].map((m) => m[1] ?? '');

/** Pure modules: no I/O, no network, no adapters. */
const PURE = [
  'core',
  'normalize',
  'schema',
  'config/migration-schema.ts',
  'report',
  'import-model',
  'forecast',
];

describe('architecture (house style: one door per folder, dependencies point inward)', () => {
  it('other folders are imported only through their index.ts', () => {
    const offenders = files.flatMap(({ path, text }) => {
      const folder = path.split('/')[0] ?? '';
      return imports(text)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(SRC, join(SRC, dirname(path), s)))
        .filter((target) => !target.startsWith('..') && target.split('/').length > 1)
        .filter((target) => target.split('/')[0] !== folder && !/^[a-z-]+\/index\.js$/.test(target))
        .map((target) => `${path} → ${target}`);
    });
    expect(offenders).toEqual([]);
  });

  it('pure modules import no node: built-ins', () => {
    const offenders = files
      .filter(({ path }) => PURE.some((p) => path === p || path.startsWith(`${p}/`)))
      .flatMap(({ path, text }) =>
        imports(text)
          .filter((s) => s.startsWith('node:'))
          .map((s) => `${path} → ${s}`),
      );
    expect(offenders).toEqual([]);
  });

  it('only cli/main.ts decides exit codes (no process.exit anywhere in src)', () => {
    expect(files.filter(({ text }) => /process\.exit\(/.test(text)).map((f) => f.path)).toEqual([]);
  });

  it('named exports only', () => {
    expect(files.filter(({ text }) => /export default/.test(text)).map((f) => f.path)).toEqual([]);
  });
});
