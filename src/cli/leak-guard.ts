/**
 * The post-write leak check for the CLI: every command that writes files scans what it wrote and
 * fails (SCAN_LEAK_DETECTED, exit 2) when a card number sits in clear outside the vault and the
 * encrypted deliveries; the files holding one are removed so none stays on disk.
 * @module
 */
import { existsSync } from 'node:fs';
import { assertNoPan } from '../scan/index.js';

/** What to do instead, shown with SCAN_LEAK_DETECTED, for a card number in a card-number column. */
export const LEAK_HINT =
  'Tokenize the card source first (kmigrate tokenize) and work from the tokenized file, then deliver with kmigrate detokenize --encrypt-to; or pass --cleartext-cards on a PCI-scoped host.';

/** Names of card-number columns (case, spaces and punctuation ignored): cardNumber, Card Number, card.number, cc_number, PAN. */
const CARD_COLUMN = /^(?:credit)?(?:card|cc)(?:number|num|no)$|^pan$/;

/** True when `column` is named as a card-number column. */
export function isCardNumberColumn(column: string): boolean {
  return CARD_COLUMN.test(column.toLowerCase().replace(/[^a-z0-9]/g, ''));
}

/**
 * The advice for a card number found in `column`: in a card-number column (or outside a CSV
 * column), tokenize; in another column (a note quoting the card, an id filled from the card
 * column) tokenizing the card columns does not help.
 */
export function leakHint(column: string | null): string {
  if (column === null || isCardNumberColumn(column)) return LEAK_HINT;
  return `Column ${column} is not a card-number column, so tokenizing the card columns does not remove it: remove or mask the card number in the source value that fills it (a note or comment quoting the card), or fill ${column} from another source column.`;
}

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
  if (written.length > 0) await assertNoPan(written, { removeLeaking: true, hint: leakHint, ...ids });
}
