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
// Character-class-only patterns: linear time, no backtracking.
const LOCAL_CHARS = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+$/;
const DOMAIN_LABEL = /^[^\s@<>()[\]\\,;:"'.\u0000-\u001f\u007f_]+$/;
const MAILTO = /^mailto:/i;

function invalid(s: string, why: string): NormalizeResult<string> {
  return fail('EMAIL_INVALID', `Email address is invalid: ${why}.`, {
    received: describeShape(s),
    expected: 'local@domain.tld, no spaces, at most 254 characters',
  });
}

function domainProblem(domain: string): string | undefined {
  const labels = domain.split('.');
  if (labels.length < 2) return 'the domain has no dot';
  if (labels.some((label) => label === '')) return 'the domain has an empty part';
  if (!labels.every((label) => DOMAIN_LABEL.test(label) && !label.startsWith('-') && !label.endsWith('-'))) {
    return 'the domain has characters not allowed in a domain';
  }
  return (labels.at(-1)?.length ?? 0) < 2 ? 'the top-level domain is too short' : undefined;
}

function emailProblem(s: string): string | undefined {
  if (s.length > MAX_EMAIL) return 'longer than 254 characters';
  const at = s.indexOf('@');
  if (at < 0) return 'no @';
  if (s.indexOf('@', at + 1) >= 0) return 'more than one @';
  const local = s.slice(0, at);
  if (local === '' || local.length > MAX_LOCAL) return 'the part before @ is empty or too long';
  if (!LOCAL_CHARS.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return 'the part before @ has spaces or characters not allowed';
  }
  return domainProblem(s.slice(at + 1));
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
