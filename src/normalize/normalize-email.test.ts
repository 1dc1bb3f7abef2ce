import { describe } from 'vitest';
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
