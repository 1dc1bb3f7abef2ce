/**
 * The post-write leak check for the CLI: every command that writes files scans what it wrote and
 * fails (SCAN_LEAK_DETECTED, exit 2) when a card number sits in clear outside the vault and the
 * encrypted deliveries; the files holding one are removed so none stays on disk.
 * @module
 */
import { existsSync } from 'node:fs';
import { assertNoPan } from '../scan/index.js';

/** What to do instead, shown with SCAN_LEAK_DETECTED. */
export const LEAK_HINT =
  'Tokenize the card source first (kmigrate tokenize) and work from the tokenized file, then deliver with kmigrate detokenize --encrypt-to; or pass --cleartext-cards on a PCI-scoped host.';

/**
 * Scan the files a command wrote (missing ones are skipped; CSV files before the reports naming
 * their ids). `ids`: id columns whose card-shaped values are no leak (the build's
 * target.cardLikeIds, see ScanOptions.idColumns) and files allowed to hold cards, read for ids.
 */
export async function assertNothingLeaked(
  files: readonly string[],
  ids: {
    readonly idColumns?: readonly string[];
    readonly cardFiles?: readonly string[];
    /** What became of the files, when not "removed N file(s)" (see AssertNoPanOptions.outcome). */
    readonly outcome?: string;
  } = {},
): Promise<void> {
  const written = files.filter((f) => existsSync(f));
  if (written.length > 0) await assertNoPan(written, { removeLeaking: true, hint: LEAK_HINT, ...ids });
}
