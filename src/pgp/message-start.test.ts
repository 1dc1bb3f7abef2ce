import * as openpgp from 'openpgp';
import { describe, expect, it } from 'vitest';
import { startsEncryptedMessage } from './message-start.js';

const CSV = 'id,card\n1,4111111111111111\n';

async function messages(): Promise<Record<string, Uint8Array>> {
  const { privateKey, publicKey } = await openpgp.generateKey({
    type: 'ecc',
    curve: 'curve25519Legacy',
    userIDs: [{ name: 'T', email: 't@example.test' }],
    format: 'object',
  });
  const text = await openpgp.createMessage({ text: CSV });
  const binary = (m: string | Uint8Array): Uint8Array =>
    typeof m === 'string' ? new TextEncoder().encode(m) : m;
  return {
    'to a key, armored': binary(await openpgp.encrypt({ message: text, encryptionKeys: publicKey })),
    'to a key, binary': binary(
      await openpgp.encrypt({ message: text, encryptionKeys: publicKey, format: 'binary' }),
    ),
    'with a password, armored': binary(await openpgp.encrypt({ message: text, passwords: ['pw'] })),
    'with a password, binary': binary(
      await openpgp.encrypt({ message: text, passwords: ['pw'], format: 'binary' }),
    ),
    'stored (literal), armored': binary(text.armor()),
    'stored (literal), binary': text.write() as Uint8Array,
    'signed, armored': binary(await openpgp.sign({ message: text, signingKeys: privateKey })),
    'signed, binary': binary(
      await openpgp.sign({ message: text, signingKeys: privateKey, format: 'binary' }),
    ),
  };
}

describe('startsEncryptedMessage', () => {
  it('accepts encrypted messages only, armored or binary', async () => {
    const all = await messages();
    const verdicts = Object.fromEntries(
      await Promise.all(
        Object.entries(all).map(async ([name, bytes]) => [
          name,
          await startsEncryptedMessage(bytes.subarray(0, 1024)),
        ]),
      ),
    );
    expect(verdicts).toEqual({
      'to a key, armored': true,
      'to a key, binary': true,
      'with a password, armored': true,
      'with a password, binary': true,
      'stored (literal), armored': false,
      'stored (literal), binary': false,
      'signed, armored': false,
      'signed, binary': false,
    });
  });

  it.each([
    ['an armor line over clear text', `-----BEGIN PGP MESSAGE-----\n${CSV}`],
    ['an armor line, a blank line, then clear text', `-----BEGIN PGP MESSAGE-----\n\n${CSV}${CSV}`],
    ['a PKESK-looking byte over clear text', `\x84\x20${CSV}`],
    ['a new-format SEIPD byte over clear text', `\xd2\x20${CSV}`],
    ['text before the armor line', `note\n-----BEGIN PGP MESSAGE-----\n\nhQGMA+WupGFnkrcOAQv9Ez08NyU0lm7k\n`],
    ['clear text', CSV],
    ['nothing', ''],
  ])('refuses %s', async (_, text) => {
    expect(await startsEncryptedMessage(Buffer.from(text, 'latin1'))).toBe(false);
  });
});
