/**
 * `kmigrate init DIR --source <preset>`: a migration workspace with a commented migration.yaml
 * for the source, an exports/ folder, the staging marker folder and a README of next steps.
 * Never overwrites an existing migration.yaml, README.md or .gitignore (whose lines it keeps).
 * @module
 */
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ToolkitError } from '../core/index.js';
import { findPreset, PRESET_IDS } from '../presets/index.js';
import { WORKSPACE_DIR } from './staging-db.js';

/** Options of {@link initWorkspace}. */
export interface InitOptions {
  readonly dir: string;
  readonly source: string;
}

/** What init wrote. */
export interface InitResult {
  readonly dir: string;
  readonly files: readonly string[];
}

function readme(title: string, files: readonly { id: string; title: string }[]): string {
  return `# Migration workspace: ${title} → Konnektive

Files this source exports (put them under \`exports/\`, names as in migration.yaml):
${files.map((f) => `- ${f.title} (\`${f.id}\`)`).join('\n')}

Next steps:

1. **profile** what you received: \`kmigrate profile exports/*.csv\` (columns, fill rates, date formats).
2. **map**: \`kmigrate map\` checks the mapping in migration.yaml against the files and proposes fixes.
3. **fill the lookups** at the end of migration.yaml: each plan → Konnektive campaign product,
   each gateway/currency → MID. \`build\` lists every value still missing under "to do".
4. **build**: \`kmigrate build --config migration.yaml\` → out/transactions.csv, out/rejects.csv,
   out/report.html (its joins part: orphans, unused cards, merged duplicate customers, refunds).
5. **check**: \`kmigrate check out/transactions.csv\` before the file leaves the machine.

\`.kmigrate/\` holds the staging database (card numbers in it are encrypted); a re-run reuses
what is staged when an input file is unchanged. Keep the whole folder on an encrypted disk and
delete it when the migration is done.
`;
}

/** Create the workspace. */
export async function initWorkspace(options: InitOptions): Promise<InitResult> {
  const preset = findPreset(options.source);
  if (!preset)
    throw new ToolkitError('USAGE', `Unknown source ${options.source}; one of: ${PRESET_IDS.join(', ')}.`);
  const config = join(options.dir, 'migration.yaml');
  if (existsSync(config))
    throw new ToolkitError(
      'WORKSPACE_EXISTS',
      `${config} already exists; init never overwrites a migration.`,
    );
  const folders = async (): Promise<void> => {
    await mkdir(join(options.dir, 'exports'), { recursive: true });
    await mkdir(join(options.dir, WORKSPACE_DIR), { recursive: true });
  };
  await folders().catch((cause: unknown) => {
    throw new ToolkitError('FILE_UNWRITABLE', `Cannot create the workspace folder ${options.dir}.`, {
      cause,
    });
  });
  await writeFile(config, preset.configYaml, { flag: 'wx' });
  // a folder that is already a project keeps its README and its .gitignore's own lines
  // (README.kmigrate.md is kmigrate's own: an earlier init's is replaced)
  const readmeName = existsSync(join(options.dir, 'README.md')) ? 'README.kmigrate.md' : 'README.md';
  await writeFile(join(options.dir, readmeName), readme(preset.title, preset.files), {
    flag: readmeName === 'README.md' ? 'wx' : 'w',
  });
  await writeFile(join(options.dir, '.gitignore'), await gitignore(join(options.dir, '.gitignore')));
  return {
    dir: options.dir,
    files: ['migration.yaml', readmeName, '.gitignore', 'exports/', `${WORKSPACE_DIR}/`],
  };
}

const IGNORED = ['.kmigrate/', 'exports/', 'out/'];

/** The .gitignore: the folders that hold card data added to the lines already there. */
async function gitignore(path: string): Promise<string> {
  let own = '';
  try {
    own = await readFile(path, 'utf8');
  } catch {
    return `${IGNORED.join('\n')}\n`;
  }
  const lines = new Set(own.split(/\r?\n/).map((l) => l.trim()));
  const missing = IGNORED.filter((l) => !lines.has(l) && !lines.has(`/${l}`));
  if (missing.length === 0) return own;
  return `${own}${own === '' || own.endsWith('\n') ? '' : '\n'}# kmigrate\n${missing.join('\n')}\n`;
}
