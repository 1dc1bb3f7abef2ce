import { describe, expect, it } from 'vitest';
import { looksLikeMojibake, repairMojibake } from './mojibake.js';

describe('repairMojibake: UTF-8 once read as Windows-1252 (source-formats.md, data-quality table)', () => {
  it.each([
    ['JosÃ©', 'José'],
    ['SÃ©bastien', 'Sébastien'],
    ['MÃ¼ller', 'Müller'],
    ['Ã…ngstrÃ¶m', 'Ångström'],
    ['FranÃ§ois Lefèvre', null], // a real è beside the mojibake: not one encoding, left alone
    ['Rua SÃ£o JoÃ£o 12', 'Rua São João 12'],
    ['donâ€™t', 'don’t'],
    ['â€œQuoteâ€\u009D', '“Quote”'],
    ['ZoÃ« Ã˜stergaard', 'Zoë Østergaard'],
    // read wrongly twice
    ['JosÃƒÂ©', 'José'],
  ])('%j → %j', (text, repaired) => {
    expect(repairMojibake(text)).toBe(repaired);
  });

  it.each([
    'José',
    'Plain ASCII Name',
    '',
    'Ã la carte', // Ã before a plain space is not a UTF-8 sequence
    '株式会社 Â©', // a character Windows-1252 cannot write: not repairable exactly
  ])('%j is left as it is (null)', (text) => {
    expect(repairMojibake(text)).toBeNull();
  });

  it('detects the typical sequences only', () => {
    expect(looksLikeMojibake('JosÃ©')).toBe(true);
    expect(looksLikeMojibake('donâ€™t')).toBe(true);
    expect(looksLikeMojibake('José')).toBe(false);
  });
});
