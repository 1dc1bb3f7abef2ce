import { describe } from 'vitest';
import { expectNormalizes, expectProblem, expectTotal } from './expect-normalize.test-helper.js';
import { normalizeCountry } from './normalize-country.js';

const country = (raw: string) => normalizeCountry(raw);

describe('normalizeCountry', () => {
  describe('accepts alpha-2 codes in any case', () => {
    expectNormalizes(country, [
      ['US', 'US'], // Stripe card.address_country
      ['us', 'US'],
      [' ca ', 'CA'],
      ['Gb', 'GB'],
      ['U.S.', 'US'],
    ]);
  });

  describe('accepts alpha-3 codes', () => {
    expectNormalizes(country, [
      ['USA', 'US'],
      ['GBR', 'GB'],
      ['aus', 'AU'],
      ['CAN', 'CA'],
      ['U.S.A.', 'US'],
    ]);
  });

  describe('accepts English names and common aliases', () => {
    expectNormalizes(country, [
      ['United States', 'US'],
      ['United States of America', 'US'],
      ['UNITED STATES', 'US'],
      ['Australia', 'AU'], // WooCommerce sample
      ['UK', 'GB'],
      ['U.K.', 'GB'],
      ['United Kingdom', 'GB'],
      ['Great Britain', 'GB'],
      ['Canada', 'CA'],
      ['Deutschland', 'DE'],
      ['Germany', 'DE'],
      ["Côte d'Ivoire", 'CI'],
      ['Cote dIvoire', 'CI'],
      ['The Netherlands', 'NL'],
      ['Holland', 'NL'],
      ['Korea, Republic of', 'KR'],
      ['México', 'MX'],
      ['Puerto Rico', 'PR'],
      ['Trinidad & Tobago', 'TT'],
    ]);
  });

  describe('maps ISO 3166 short names, official and older, as processors print them', () => {
    expectNormalizes(country, [
      ['Viet Nam', 'VN'],
      ['Cabo Verde', 'CV'],
      ['Cape Verde', 'CV'],
      ['Iran, Islamic Republic of', 'IR'],
      ['Bolivia, Plurinational State of', 'BO'],
      ['Tanzania, United Republic of', 'TZ'],
      ['Venezuela, Bolivarian Republic of', 'VE'],
      ['Congo, The Democratic Republic of the', 'CD'],
      ['Palestine, State of', 'PS'],
      ["Korea, Democratic People's Republic of", 'KP'],
      ['Moldova, Republic of', 'MD'],
      ['Taiwan, Province of China', 'TW'],
      ['Swaziland', 'SZ'],
      ['Eswatini', 'SZ'],
      ['Macedonia, the Former Yugoslav Republic of', 'MK'],
      ['Netherlands (the)', 'NL'],
      ['Burma', 'MM'],
      ['Macau', 'MO'],
      ['Holy See (Vatican City State)', 'VA'],
    ]);
  });

  describe('maps UK constituent countries to GB with COUNTRY_CONSTITUENT_MAPPED', () => {
    expectNormalizes(country, [
      ['England', 'GB', 'COUNTRY_CONSTITUENT_MAPPED'],
      ['scotland', 'GB', 'COUNTRY_CONSTITUENT_MAPPED'],
      ['Wales', 'GB', 'COUNTRY_CONSTITUENT_MAPPED'],
    ]);
  });

  describe('returns empty, or the configured default, for empty input', () => {
    expectNormalizes(country, [
      ['', ''],
      ['N/A', ''],
    ]);
    expectNormalizes(
      (raw) => normalizeCountry(raw, { default: 'us' }),
      [
        ['', 'US'],
        ['null', 'US'],
        ['Canada', 'CA'],
      ],
    );
  });

  describe('rejects unknown countries with COUNTRY_UNKNOWN', () => {
    expectProblem(country, [
      ['Atlantis', 'COUNTRY_UNKNOWN'],
      ['XX', 'COUNTRY_UNKNOWN'],
      ['ZZZ', 'COUNTRY_UNKNOWN'],
      ['US of A', 'COUNTRY_UNKNOWN'],
      ['12345', 'COUNTRY_UNKNOWN'],
      ['A'.repeat(500), 'COUNTRY_UNKNOWN'],
    ]);
  });
  describe('never throws on hostile input and answers fast', () => {
    expectTotal(country);
    expectTotal((raw) => normalizeCountry(raw, { default: 'US' }));
  });
});
