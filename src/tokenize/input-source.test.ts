import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isPgpFile } from './input-source.js';

describe('isPgpFile', () => {
  it.each(['cards.csv', 'cards.csv.pgp', 'cards.gpg', 'cards.asc'])(
    'a missing %s is FILE_NOT_FOUND (not an OpenPGP failure later)',
    async (name) => {
      await expect(isPgpFile(join(tmpdir(), `kmigrate-missing-${process.pid}`, name))).rejects.toMatchObject({
        code: 'FILE_NOT_FOUND',
      });
    },
  );
});
