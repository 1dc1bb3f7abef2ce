import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isEncryptedFile } from './encrypted-input.js';

const dir = mkdtempSync(join(tmpdir(), 'kmigrate-enc-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, bytes: Uint8Array | string): string {
  const path = join(dir, name);
  writeFileSync(path, typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : bytes);
  return path;
}

describe('isEncryptedFile', () => {
  // Windows-1252 exports whose first character has the byte of an OpenPGP packet tag:
  // É (0xC9, tag 9), Á (0xC1, PKESK), Ã (0xC3, SKESK), Ê (0xCA, marker), Ò (0xD2, SEIPD), Œ (0x8C)
  it.each([
    'Échéance;Client;Montant\r\n01/02/2026;Ana Testwood;12,50\r\n',
    'Ácheteur,Total\n1,2\n',
    'Ãrea,Total\n1,2\n',
    'Êtat,Total\n1,2\n',
    'Òrdine,Cliente\n1,2\n',
    'Œuvre,Client\n1,2\n',
  ])('a Windows-1252 CSV starting %j is not an encrypted message', async (text) => {
    expect(await isEncryptedFile(file(`t${text.charCodeAt(0)}.csv`, text))).toBe(false);
  });

  it('an armored message and a binary one (a PKESK, a SEIPD) are', async () => {
    const armored = '-----BEGIN PGP MESSAGE-----\n\nwV4DAAAAAAAAAAASAQdA\n-----END PGP MESSAGE-----\n';
    expect(await isEncryptedFile(file('a.asc', armored))).toBe(true);
    // new-format PKESK (0xC1), length 12, version 3, key id, algorithm 1 (RSA)
    const pkesk = Uint8Array.from([0xc1, 12, 3, 1, 2, 3, 4, 5, 6, 7, 8, 1, 0, 0]);
    expect(await isEncryptedFile(file('b.gpg', pkesk))).toBe(true);
    // new-format SEIPD (0xD2), length 20, version 1
    const seipd = Uint8Array.from([0xd2, 20, 1, ...new Array<number>(19).fill(7)]);
    expect(await isEncryptedFile(file('c.gpg', seipd))).toBe(true);
  });
});
