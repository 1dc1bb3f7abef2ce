// The card-data path through the built CLI: vault, tokenize, detokenize — what must never happen
// to an input, and what must never be written in clear.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cardWorkspace } from '../support/card-workspace.js';

const t = cardWorkspace({
  'cards.csv': 'id,card\n1,4111111111111111\n2,5555555555554444\n',
});
afterAll(t.cleanup);
const { km, vault } = t;
const setup = [
  km(['keys', 'generate', '--name', 'Test CRM', '--email', 'crm@example.test', '--format', 'json']),
  km(['vault', 'init', ...vault]),
  km(['tokenize', 'cards.csv', '-o', 'tok.csv', '--columns', 'card', ...vault]),
];
const fingerprint = (JSON.parse(setup[0]?.stdout ?? '{}') as { fingerprint: string }).fingerprint;

describe('detokenize', () => {
  it('refuses an output that is its input (by any path): the tokenized file is kept', () => {
    expect(setup.map((s) => s.code)).toEqual([0, 0, 0]);
    const before = readFileSync(join(t.dir, 'tok.csv'));
    for (const out of ['tok.csv', './tok.csv', join(t.dir, 'tok.csv')]) {
      const r = km(['detokenize', 'tok.csv', '--encrypt-to', fingerprint, '-o', out, ...vault]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^kmigrate: USAGE: The output .* is the input file/);
      expect(readFileSync(join(t.dir, 'tok.csv'))).toEqual(before);
    }
  });
});
