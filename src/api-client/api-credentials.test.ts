import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { removeTempDirs, tempDir } from '../../test/support/temp-dirs.js';
import { loadApiCredentials } from './api-credentials.js';

const dir = tempDir('kmigrate-creds-');
afterAll(removeTempDirs);

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text, { mode: 0o600 });
  return path;
}

describe('loadApiCredentials', () => {
  it('reads env-style lines and JSON with either key names', async () => {
    for (const text of [
      'KMIGRATE_API_LOGIN_ID=u\nKMIGRATE_API_PASSWORD="p w"\n',
      '{"loginId": "u", "password": "p w"}',
      '{"KMIGRATE_API_LOGIN_ID": "u", "KMIGRATE_API_PASSWORD": "p w"}',
    ]) {
      const c = await loadApiCredentials({}, file('c', text));
      expect([c.loginId, c.revealPassword()]).toEqual(['u', 'p w']);
    }
  });

  it('says what is wrong with the file it was given, never its contents', async () => {
    await expect(
      loadApiCredentials({}, file('bad.json', '{"loginId": "u", "password": "secret-1"')),
    ).rejects.toThrow(/credentials file .* is not valid JSON/);
    const lacks = loadApiCredentials(
      { KMIGRATE_API_PASSWORD: 'env' },
      file('half', 'KMIGRATE_API_LOGIN_ID=u\n'),
    );
    await expect(lacks).rejects.toThrow(/lacks the password/);
    await expect(lacks).rejects.not.toThrow(/secret|env/);
  });
});
