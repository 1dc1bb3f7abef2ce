import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { initWorkspace } from './init-workspace.js';

const root = mkdtempSync(join(tmpdir(), 'kmigrate-init-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('initWorkspace in a folder that already holds a project', () => {
  it("keeps the folder's README.md and the lines of its .gitignore", async () => {
    const dir = join(root, 'project');
    await initWorkspace({ dir: join(dir, 'sub'), source: 'generic' }); // creates the folders
    rmSync(join(dir, 'sub'), { recursive: true });
    writeFileSync(join(dir, 'README.md'), 'our project\n');
    writeFileSync(join(dir, '.gitignore'), 'secrets/\n*.pgp\nout/');
    const result = await initWorkspace({ dir, source: 'generic' });
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('our project\n');
    expect(readFileSync(join(dir, 'README.kmigrate.md'), 'utf8')).toMatch(/^# Migration workspace/);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe(
      'secrets/\n*.pgp\nout/\n# kmigrate\n.kmigrate/\nexports/\n',
    );
    expect(result.files).toContain('README.kmigrate.md');
    // init again after the migration.yaml was removed: kmigrate's own README is replaced
    rmSync(join(dir, 'migration.yaml'));
    await initWorkspace({ dir, source: 'stripe' });
    expect(readFileSync(join(dir, 'README.kmigrate.md'), 'utf8')).toMatch(/Stripe/);
    expect(readFileSync(join(dir, 'README.md'), 'utf8')).toBe('our project\n');
  });

  it('a new folder gets its README.md and .gitignore', async () => {
    const dir = join(root, 'new');
    const result = await initWorkspace({ dir, source: 'stripe' });
    expect(result.files).toEqual(['migration.yaml', 'README.md', '.gitignore', 'exports/', '.kmigrate/']);
    expect(readFileSync(join(dir, '.gitignore'), 'utf8')).toBe('.kmigrate/\nexports/\nout/\n');
  });
});
