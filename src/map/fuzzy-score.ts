/**
 * Fuzzy header similarity: word tokens (with a few synonyms) and edit distance.
 * @module
 */
import { headerKey, headerTokens } from '../profile/index.js';

const SYNONYMS: Readonly<Record<string, string>> = {
  postal: 'zip',
  postcode: 'zip',
  zipcode: 'zip',
  addr: 'address',
  street: 'address',
  tel: 'phone',
  telephone: 'phone',
  mobile: 'phone',
  mail: 'email',
  expiration: 'exp',
  expiry: 'exp',
  expires: 'exp',
  billing: 'bill',
  shipping: 'ship',
  shipto: 'ship',
  province: 'state',
  region: 'state',
  locality: 'city',
  cust: 'customer',
  txn: 'transaction',
  trans: 'transaction',
  num: 'number',
  no: 'number',
  nbr: 'number',
  surname: 'last',
  lname: 'last',
  fname: 'first',
  given: 'first',
  family: 'last',
  mm: 'month',
  yy: 'year',
  yyyy: 'year',
};
const NOISE = new Set(['utc', 'the', 'of', 'date', 'datetime', 'time']);

function tokens(header: string): Set<string> {
  return new Set(
    headerTokens(header)
      .map((t) => SYNONYMS[t] ?? t)
      .filter((t) => !NOISE.has(t)),
  );
}

/** Levenshtein distance (two rows). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur.push(Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost));
    }
    prev = cur;
  }
  return prev[b.length] as number;
}

/** 0–1 similarity of two headers: the better of token overlap and edit similarity. */
export function fuzzyScore(header: string, alias: string): number {
  const a = tokens(header);
  const b = tokens(alias);
  let common = 0;
  for (const t of b) if (a.has(t)) common++;
  const union = a.size + b.size - common;
  const overlap = b.size === 0 || union === 0 ? 0 : 0.5 * (common / b.size) + 0.5 * (common / union);
  const ka = headerKey(header);
  const kb = headerKey(alias);
  const longest = Math.max(ka.length, kb.length);
  const edit = longest < 4 ? 0 : 1 - editDistance(ka, kb) / longest;
  return Math.max(overlap, edit);
}
