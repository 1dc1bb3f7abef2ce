/**
 * The one contract every `TokenVault` implementation must pass (SQLite file, in-memory).
 * `world()` gives init/open over one backing store so reopening with another KEK is testable.
 */
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type TokenVault, VaultKek } from '../../src/vault/index.js';

export interface VaultWorld {
  readonly init: (kek: VaultKek) => TokenVault;
  readonly open: (kek: VaultKek) => TokenVault;
}

const kek = (): VaultKek => new VaultKek(randomBytes(32));
const PANS = ['4111111111111111', '5555555555554444', '378282246310005', '6011111111111117'];

export function describeTokenVault(name: string, newWorld: () => VaultWorld): void {
  describe(`TokenVault contract: ${name}`, () => {
    it('gives opaque tokens, the same token for the same card, and round-trips', async () => {
      const vault = newWorld().init(kek());
      const tokens = await vault.tokenize([...PANS, PANS[0] ?? '']);
      expect(tokens).toHaveLength(5);
      for (const t of tokens) expect(t).toMatch(/^tok_[a-z2-7]{26}$/);
      expect(tokens[4]).toBe(tokens[0]);
      expect(new Set(tokens).size).toBe(4);
      expect(await vault.tokenize([PANS[1] ?? ''])).toEqual([tokens[1]]);
      expect(await vault.detokenize(tokens)).toEqual([...PANS, PANS[0]]);
      expect(await vault.count()).toBe(4);
      await vault.close();
    });

    it('refuses an unknown token with VAULT_TOKEN_UNKNOWN', async () => {
      const vault = newWorld().init(kek());
      await expect(vault.detokenize(['tok_aaaaaaaaaaaaaaaaaaaaaaaaaa'])).rejects.toMatchObject({
        code: 'VAULT_TOKEN_UNKNOWN',
      });
      await vault.close();
    });

    it('a wrong KEK cannot open the vault (VAULT_KEK_WRONG) and the failure is audited', async () => {
      const w = newWorld();
      const right = kek();
      await w.init(right).close();
      expect(() => w.open(kek())).toThrow(expect.objectContaining({ code: 'VAULT_KEK_WRONG' }));
      const vault = w.open(right);
      const audit = await vault.auditRecords();
      expect(audit.map((a) => `${a.action}:${a.result}`)).toEqual(['init:success', 'open:failure']);
      await vault.close();
    });

    it('rotation: tokens unchanged, the old KEK stops working, the new one works', async () => {
      const w = newWorld();
      const oldKek = kek();
      const newKek = kek();
      const vault = w.init(oldKek);
      const tokens = await vault.tokenize(PANS);
      await vault.rotate(newKek);
      expect(await vault.tokenize(PANS)).toEqual(tokens);
      await vault.close();
      expect(() => w.open(oldKek)).toThrow(expect.objectContaining({ code: 'VAULT_KEK_WRONG' }));
      const reopened = w.open(newKek);
      expect(await reopened.detokenize(tokens)).toEqual(PANS);
      expect(await reopened.tokenize(PANS)).toEqual(tokens);
      await reopened.close();
    });

    it('atomically: a failure rolls back every token minted inside it', async () => {
      const vault = newWorld().init(kek());
      const kept = await vault.tokenize([PANS[0] ?? '']);
      await expect(
        vault.atomically(async () => {
          await vault.tokenize(PANS.slice(1));
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect(await vault.count()).toBe(1);
      expect(await vault.tokenize([PANS[0] ?? ''])).toEqual(kept);
      await vault.close();
    });

    it('records audit entries without card numbers', async () => {
      const vault = newWorld().init(kek());
      await vault.tokenize(PANS);
      await vault.recordAudit({
        action: 'tokenize',
        count: 4,
        fileSha256: 'ab'.repeat(32),
        result: 'success',
        detail: 'in.csv',
      });
      const audit = await vault.auditRecords();
      expect(audit.at(-1)).toMatchObject({ action: 'tokenize', count: 4, result: 'success' });
      expect(audit.at(-1)?.who).not.toBe('');
      expect(JSON.stringify(audit)).not.toMatch(/\d{13}/);
      await vault.close();
    });
  });
}
