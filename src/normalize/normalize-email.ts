/**
 * Email addresses: trimmed, `mailto:` removed, domain lower-cased, checked with a simple linear test.
 * @module
 */
import { describeShape } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeResult } from './result.js';
import { fail, ok } from './result.js';

const MAX_EMAIL = 254;
const MAX_LOCAL = 64;
const MAILTO = /^mailto:/i;

function invalid(s: string, why: string): NormalizeResult<string> {
  return fail('EMAIL_INVALID', `Email address is invalid: ${why}.`, {
    received: describeShape(s),
    expected: 'local@domain.tld, no spaces, at most 254 characters',
  });
}

/** White space as a regular expression's `\s` matches it (UTF-16 code units). */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 160 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

/**
 * A character allowed in the part before @: not white space, a control character or one of
 * `@ < > ( ) [ ] \ , ; : "`. A domain label also excludes `'`, `.` and `_`.
 */
function allowedInLocal(c: number): boolean {
  if (c < 32 || c === 127 || isSpace(c)) return false;
  switch (c) {
    case 64: // @
    case 60: // <
    case 62: // >
    case 40: // (
    case 41: // )
    case 91: // [
    case 93: // ]
    case 92: // \
    case 44: // ,
    case 59: // ;
    case 58: // :
    case 34: // "
      return false;
    default:
      return true;
  }
}

function allowedInLabel(c: number): boolean {
  return c !== 39 && c !== 46 && c !== 95 && allowedInLocal(c);
}

/** What is wrong with `s[from, s.length)` as a domain, checked in one pass (linear, no regex). */
function domainProblem(s: string, from: number): string | undefined {
  let labels = 1;
  let emptyLabel = false;
  let badLabel = false;
  let start = from;
  for (let i = from; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 46;
    if (c !== 46) {
      if (!allowedInLabel(c)) badLabel = true;
      continue;
    }
    // a label ends at i
    if (i === start) emptyLabel = true;
    else if (s.charCodeAt(start) === 45 || s.charCodeAt(i - 1) === 45) badLabel = true;
    if (i < s.length) {
      labels++;
      start = i + 1;
    }
  }
  if (labels < 2) return 'the domain has no dot';
  if (emptyLabel) return 'the domain has an empty part';
  if (badLabel) return 'the domain has characters not allowed in a domain';
  return s.length - start < 2 ? 'the top-level domain is too short' : undefined;
}

/** What is wrong with `s[0, at)` as the part before @. */
function localProblem(s: string, at: number): string | undefined {
  if (at === 0 || at > MAX_LOCAL) return 'the part before @ is empty or too long';
  let previous = 0;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    if (!allowedInLocal(c) || (c === 46 && (i === 0 || previous === 46))) {
      return 'the part before @ has spaces or characters not allowed';
    }
    previous = c;
  }
  return previous === 46 ? 'the part before @ has spaces or characters not allowed' : undefined;
}

function emailProblem(s: string): string | undefined {
  if (s.length > MAX_EMAIL) return 'longer than 254 characters';
  const at = s.indexOf('@');
  if (at < 0) return 'no @';
  if (s.indexOf('@', at + 1) >= 0) return 'more than one @';
  return localProblem(s, at) ?? domainProblem(s, at + 1);
}

/**
 * Normalize an email address: trim, strip a `mailto:` prefix, lower-case the domain (the local part
 * is kept as is). EMAIL_INVALID when it is not `local@domain.tld`.
 */
export function normalizeEmail(raw: string): NormalizeResult<string> {
  let s = blankOrTrimmed(raw);
  if (MAILTO.test(s)) s = s.slice(7).trim();
  if (s === '') return ok('');
  const problem = emailProblem(s);
  if (problem !== undefined) return invalid(s, problem);
  const at = s.indexOf('@');
  return ok(`${s.slice(0, at)}@${s.slice(at + 1).toLowerCase()}`);
}
