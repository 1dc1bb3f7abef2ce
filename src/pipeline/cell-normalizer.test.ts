import { describe, expect, it } from 'vitest';
import { builtinSpec } from '../schema/index.js';
import { compilePlainNormalizer } from './cell-normalizer.js';

const columns = builtinSpec().kinds.transactions.columns;
const zones = { sourceZone: 'UTC', targetZone: 'UTC' };

function normalize(column: string, raw: string): unknown {
  const spec = columns.find((c) => c.name === column);
  if (!spec) throw new Error(column);
  return compilePlainNormalizer({ from: 'x' }, spec, {}, zones)(raw, () => '');
}

describe('id columns (text normalizer)', () => {
  it.each([
    ['customerId', "'7210448301122", '7210448301122'],
    ['orderId', " '5010 ", '5010'],
    ['merchantTxnId', "'880003", '880003'],
    ['merchantTxnId', "''88", "'88"],
    ['externalToken', "'4008081888597346", '4008081888597346'],
    ['trackingNumber', "'9400111899223197428490", '9400111899223197428490'],
    ['customerId', 'CUST-1', 'CUST-1'],
    ['customerId', '  C  1 ', 'C 1'],
  ])('%s %j → %j: one spreadsheet apostrophe removed, spaces cleaned', (column, raw, value) => {
    expect(normalize(column, raw)).toMatchObject({ ok: true, value });
  });

  it.each([
    ['customerId', '4.00808E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ['orderId', '1.23457E+11', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ['merchantTxnId', '1E+11', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ['customerId', '#######', 'SPREADSHEET_CELL_OVERFLOW'],
    ['orderId', '#N/A', 'SPREADSHEET_ERROR_VALUE'],
    // an NMI vault id as the gateway token, a USPS tracking number: ids too
    ['externalToken', '4.00808E+15', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
    ['trackingNumber', '9.40011E+21', 'SPREADSHEET_SCIENTIFIC_NOTATION'],
  ])(
    '%s %j → %s: an id a spreadsheet damaged is refused (customers and orders would merge)',
    (column, raw, code) => {
      expect(normalize(column, raw)).toMatchObject({ ok: false, problem: { code, severity: 'error' } });
    },
  );

  it('drops a spreadsheet .0 from a numeric id with a warning, and keeps ids that only look like numbers', () => {
    expect(normalize('orderId', '10045.0')).toMatchObject({
      ok: true,
      value: '10045',
      warning: { code: 'SPREADSHEET_TRAILING_DECIMAL' },
    });
    expect(normalize('orderId', '8e34')).toMatchObject({ ok: true, value: '8e34' });
    expect(normalize('orderId', 'v1.2')).toMatchObject({ ok: true, value: 'v1.2' });
  });

  it.each([
    ['campaignId', '-1'],
    ['productId', '1-2'],
    ['merchantId', '7 8'],
  ])('%s %j is refused: a whole number has no sign, space or dash', (column, raw) => {
    expect(normalize(column, raw)).toMatchObject({ ok: false, problem: { code: 'DIGITS_INVALID' } });
  });

  it('reads a whole number through the spreadsheet rules', () => {
    expect(normalize('campaignId', " '12 ")).toMatchObject({ ok: true, value: '12' });
    expect(normalize('productId', '101.0')).toMatchObject({ ok: true, value: '101' });
  });

  it('keeps an apostrophe in other text columns', () => {
    expect(normalize('address1', "'Sunset' Blvd 1")).toMatchObject({ ok: true, value: "'Sunset' Blvd 1" });
  });
});

describe('phone numbers read in the row country', () => {
  const phone = (raw: string, country: string, region?: string): unknown => {
    const spec = columns.find((c) => c.name === 'phoneNumber');
    if (!spec) throw new Error('phoneNumber');
    const m = region === undefined ? { from: 'x' } : { from: 'x', region };
    return compilePlainNormalizer(m, spec, {}, zones)(raw, (c) => (c === 'country' ? country : ''));
  };

  it.each([
    ['020 7946 0958', 'GB', '442079460958'],
    ['07700 900123', 'GB', '447700900123'],
    ['030 123456', 'DE', '4930123456'],
    ['0412 345 678', 'AU', '61412345678'],
    ['(416) 555-0199', 'CA', '4165550199'],
    ['(555) 201-8779', 'US', '5552018779'],
    ['(555) 201-8779', '', '5552018779'],
    ['(555) 201-8779', 'XX', '5552018779'],
    ['+44 20 7946 0958', 'US', '442079460958'],
  ])('%s in a %j row → %s', (raw, country, value) => {
    expect(phone(raw, country)).toMatchObject({ ok: true, value });
  });

  it('a configured region wins over the row country', () => {
    expect(phone('020 7946 0958', 'US', 'GB')).toMatchObject({ ok: true, value: '442079460958' });
  });
});

describe('mojibake in names and free text', () => {
  it.each([
    ['firstName', 'JosÃ©', 'José'],
    ['lastName', 'MÃ¼ller', 'Müller'],
    ['address1', 'Rua SÃ£o JoÃ£o  12', 'Rua São João 12'],
    ['city', 'MontrÃ©al', 'Montréal'],
  ])('%s %j → %j with TEXT_MOJIBAKE_REPAIRED', (column, raw, value) => {
    expect(normalize(column, raw)).toMatchObject({
      ok: true,
      value,
      warning: { code: 'TEXT_MOJIBAKE_REPAIRED', severity: 'warning' },
    });
  });

  it('leaves correct text and ids alone', () => {
    expect(normalize('firstName', 'José')).toEqual({ ok: true, value: 'José' });
    expect(normalize('city', 'Montréal')).toEqual({ ok: true, value: 'Montréal' });
    expect(normalize('customerId', 'CUST-Ã©')).toEqual({ ok: true, value: 'CUST-Ã©' });
  });
});
