/**
 * Finding a source column by name: exact first, then case-, space- and punctuation-insensitive.
 * @module
 */

/** Fold a header name for loose matching: `Card Exp. Month` ≡ `card_exp_month` ≡ `CARD.EXP_MONTH`. */
export function foldHeader(name: string): string {
  return name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Index of the source column, or -1. */
export function findSourceColumn(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact >= 0) return exact;
  const folded = foldHeader(name);
  return header.findIndex((h) => foldHeader(h) === folded);
}
