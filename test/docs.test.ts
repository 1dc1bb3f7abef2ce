import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { VERSION } from '../src/cli/version.js';
import { ERROR_CODES, ISSUE_CATALOGS, renderErrorCodesDoc } from '../src/codes.js';
import { configJsonSchema } from '../src/config/index.js';

const read = (p: string): string => readFileSync(new URL(`../${p}`, import.meta.url), 'utf8');

describe('generated documentation does not drift', () => {
  it('docs/error-codes.md lists every code (run npm run docs to refresh)', () => {
    const doc = read('docs/error-codes.md');
    for (const code of Object.keys(ERROR_CODES)) expect(doc).toContain(`\`${code}\``);
    for (const catalog of Object.values(ISSUE_CATALOGS))
      for (const code of Object.keys(catalog)) expect(doc).toContain(`\`${code}\``);
    expect(doc).toBe(renderErrorCodesDoc());
  });

  it('no issue code is defined twice with different meanings', () => {
    const seen = new Map<string, string>();
    for (const catalog of Object.values(ISSUE_CATALOGS)) {
      for (const [code, info] of Object.entries(catalog)) {
        const prev = seen.get(code);
        if (prev !== undefined) expect(`${code}: ${prev}`).toBe(`${code}: ${info.severity}`);
        seen.set(code, info.severity);
      }
    }
  });

  it('docs/migration.schema.json is the JSON Schema generated from the config schema', () => {
    expect(JSON.parse(read('docs/migration.schema.json'))).toEqual(configJsonSchema());
  });

  it('the CLI version matches package.json', () => {
    expect(VERSION).toBe((JSON.parse(read('package.json')) as { version: string }).version);
  });
});
