import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { assertNothingLeaked, isCardNumberColumn, LEAK_HINT } from './leak-guard.js';

const root = mkdtempSync(join(tmpdir(), 'kmigrate-leak-guard-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(root, name);
  writeFileSync(path, text);
  return path;
}

describe('assertNothingLeaked: the advice fits the column the card number is in', () => {
  it('a card number quoted in a free-text column: remove or mask it in the source, not "tokenize"', async () => {
    const path = file('customer-notes.csv', 'customerId,note\nC1,card 4111 1111 1111 1111 on file\n');
    const failure = assertNothingLeaked([path]);
    await expect(failure).rejects.toMatchObject({ code: 'SCAN_LEAK_DETECTED' });
    const message = await failure.catch((error: Error) => error.message);
    expect(message).toContain('column note');
    expect(message).toContain(
      'Column note is not a card-number column, so tokenizing the card columns does not remove it: remove or mask the card number in the source value that fills it',
    );
    expect(message).not.toContain('Tokenize the card source first');
    expect(message).not.toMatch(/4111[ -]?1111[ -]?1111[ -]?1111/);
  });

  it('a card number in a card-number column keeps the tokenize advice', async () => {
    const path = file('transactions.csv', 'customerId,cardNumber\nC1,4111111111111111\n');
    const message = await assertNothingLeaked([path]).catch((error: Error) => error.message);
    expect(message).toContain('column cardNumber');
    expect(message).toContain(LEAK_HINT);
    expect(message).not.toContain('4111111111111111');
  });

  it.each([
    ['cardNumber', true],
    ['Card Number', true],
    ['card.number', true],
    ['cc_number', true],
    ['PAN', true],
    ['note', false],
    ['customerId', false],
    ['card_brand', false],
  ])('%s is a card-number column: %s', (name, expected) => {
    expect(isCardNumberColumn(name)).toBe(expected);
  });
});
