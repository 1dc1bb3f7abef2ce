import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeEmail } from './normalize-email.js';

describe('normalizeEmail', () => {
  describe('accepts addresses, lower-casing only the domain', () => {
    expectNormalizes(normalizeEmail, [
      ['jane@example.com', 'jane@example.com'],
      ['  jane@example.com ', 'jane@example.com'],
      ['CY@Example.COM', 'CY@example.com'], // duplicate-customer case from the reference
      ['mailto:jane@example.com', 'jane@example.com'],
      ['MAILTO:Jane.Doe+tag@Mail.Example.co.uk', 'Jane.Doe+tag@mail.example.co.uk'],
      ["o'brien@example.ie", "o'brien@example.ie"],
      ['josé@exämple.de', 'josé@exämple.de'],
    ]);
  });

  describe('returns empty for empty and placeholder input', () => {
    expectNormalizes(normalizeEmail, [
      ['', ''],
      ['null', ''],
      ['mailto:', ''],
    ]);
  });

  describe('rejects malformed addresses with EMAIL_INVALID', () => {
    expectProblem(normalizeEmail, [
      ['jane.example.com', 'EMAIL_INVALID'],
      ['jane@@example.com', 'EMAIL_INVALID'],
      ['jane@example', 'EMAIL_INVALID'],
      ['@example.com', 'EMAIL_INVALID'],
      ['jane@', 'EMAIL_INVALID'],
      ['jane doe@example.com', 'EMAIL_INVALID'],
      ['jane@exa mple.com', 'EMAIL_INVALID'],
      ['jane@example..com', 'EMAIL_INVALID'],
      ['jane@.example.com', 'EMAIL_INVALID'],
      ['jane@example.c', 'EMAIL_INVALID'],
      ['jane@-example.com', 'EMAIL_INVALID'],
      ['.jane@example.com', 'EMAIL_INVALID'],
      ['jane..doe@example.com', 'EMAIL_INVALID'],
      ['a@x.com;b@y.com', 'EMAIL_INVALID'], // Recurly cc_emails-style list
      ['Jane <jane@example.com>', 'EMAIL_INVALID'],
      ['jane\u0000@example.com', 'EMAIL_INVALID'],
      [`${'a'.repeat(65)}@example.com`, 'EMAIL_INVALID'],
      [`jane@${'a'.repeat(250)}.com`, 'EMAIL_INVALID'],
    ]);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(normalizeEmail);
  });
});

describe('normalizeEmail against the regular-expression rules it replaced', () => {
  // the rules as they were written with regular expressions (reference for the one-pass check)
  const LOCAL_CHARS = /^[^\s@<>()[\]\\,;:"\u0000-\u001f\u007f]+$/;
  const DOMAIN_LABEL = /^[^\s@<>()[\]\\,;:"'.\u0000-\u001f\u007f_]+$/;
  function domainProblem(domain: string): string | undefined {
    const labels = domain.split('.');
    if (labels.length < 2) return 'the domain has no dot';
    if (labels.some((label) => label === '')) return 'the domain has an empty part';
    if (!labels.every((l) => DOMAIN_LABEL.test(l) && !l.startsWith('-') && !l.endsWith('-')))
      return 'the domain has characters not allowed in a domain';
    return (labels.at(-1)?.length ?? 0) < 2 ? 'the top-level domain is too short' : undefined;
  }
  function emailProblem(s: string): string | undefined {
    if (s.length > 254) return 'longer than 254 characters';
    const at = s.indexOf('@');
    if (at < 0) return 'no @';
    if (s.indexOf('@', at + 1) >= 0) return 'more than one @';
    const local = s.slice(0, at);
    if (local === '' || local.length > 64) return 'the part before @ is empty or too long';
    if (!LOCAL_CHARS.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..'))
      return 'the part before @ has spaces or characters not allowed';
    return domainProblem(s.slice(at + 1));
  }

  it('finds the same problem (or none) in every address', () => {
    // mostly characters every part allows, now and then one that some part refuses
    const special = [
      ...'_@\'"<>()[]\\,;:+',
      '\u0000',
      '\u001f',
      '\u007f',
      ' ',
      '\t',
      '\u00a0',
      '\u2003',
      '\u2028',
      '\u3000',
      '\ufeff',
      '\u0085',
      '\u200b',
    ];
    const char = fc.oneof(
      { weight: 15, arbitrary: fc.constantFrom('a', 'b', '0', 'é', '-', '.') },
      { weight: 1, arbitrary: fc.constantFrom(...special) },
    );
    const text = fc.array(char, { maxLength: 10 }).map((a) => a.join(''));
    const address = fc.oneof(
      text,
      fc.tuple(text, text).map(([a, b]) => `${a}@${b}`),
      fc.tuple(text, text, text).map(([a, b, c]) => `${a}@${b}.${c}`),
      fc.tuple(fc.nat(70), fc.nat(200)).map(([a, b]) => `${'a'.repeat(a)}@${'b'.repeat(b)}.com`),
    );
    fc.assert(
      fc.property(address, (raw) => {
        const got = normalizeEmail(raw);
        if (!got.ok)
          expect(got.problem.message).toBe(`Email address is invalid: ${emailProblem(raw.trim())}.`);
        // '' for blanks and placeholders such as '-'
        else if (got.value !== '') expect(emailProblem(raw.trim())).toBeUndefined();
      }),
      { numRuns: 20_000 },
    );
  });
});
