import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createMemoryVaultStore, initMemoryVault, VaultKek } from '../vault/index.js';
import { type DetokenizeStats, detokenizeRows } from './detokenize-file.js';

describe('detokenizeRows: a token the vault does not hold', () => {
  it('is VAULT_TOKEN_UNKNOWN naming its row, line and column, never the token', async () => {
    const vault = initMemoryVault(createMemoryVaultStore(), new VaultKek(randomBytes(32)));
    const [known] = await vault.tokenize(['4111111111111111']);
    const unknown = `tok_${'a'.repeat(26)}`;
    const csv = `id,card\n1,${known}\n2,${known}\n3,${unknown}\n`;
    const stats: DetokenizeStats = { rows: 0, cards: 0, columns: [] };
    const drain = async (): Promise<void> => {
      for await (const _ of detokenizeRows({ source: Buffer.from(csv), file: 'tok.csv', vault }, stats));
    };
    const error = await drain().then(
      () => null,
      (e: unknown) => e as Error & { code: string },
    );
    expect(error?.code).toBe('VAULT_TOKEN_UNKNOWN');
    expect(error?.message).toContain('Row 3 (line 4), column "card"');
    expect(error?.message).not.toContain(unknown);
  });
});
