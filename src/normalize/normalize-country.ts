/**
 * Countries to ISO 3166-1 alpha-2 (upper case), from codes, English names and common aliases.
 * Names come from i18n-iso-countries' English data; lookups are case-, accent- and punctuation-insensitive.
 * @module
 */
import countries from 'i18n-iso-countries/index.js';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import { describeShape } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import type { NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link normalizeCountry}. */
export interface NormalizeCountryOptions {
  /** Country used when the input is empty; normalized like any input. */
  readonly default?: string;
}

const MAX_INPUT = 80;

/** Lower-case, strip accents and punctuation, turn `&` into `and`, collapse spaces. Inputs must be short. */
export function foldKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[.'’`]/g, '')
    .replace(/[\s,()\-_/]+/g, ' ')
    .trim();
}

/** Aliases beyond the library's English names: endonyms and everyday short forms. */
const EXTRA_ALIASES: Readonly<Record<string, string>> = {
  'united states of america': 'US',
  'great britain': 'GB',
  britain: 'GB',
  uk: 'GB',
  'united kingdom of great britain and northern ireland': 'GB',
  deutschland: 'DE',
  espana: 'ES',
  italia: 'IT',
  brasil: 'BR',
  nederland: 'NL',
  holland: 'NL',
  schweiz: 'CH',
  suisse: 'CH',
  osterreich: 'AT',
  sverige: 'SE',
  norge: 'NO',
  danmark: 'DK',
  suomi: 'FI',
  polska: 'PL',
  eire: 'IE',
  'republic of ireland': 'IE',
  'south korea': 'KR',
  'hong kong sar': 'HK',
  uae: 'AE',
  'czech republic': 'CZ',
  // ISO 3166 short names (official and older) that processors print and the library's English
  // names lack, folded as foldKey folds them
  'viet nam': 'VN',
  'cabo verde': 'CV',
  'iran islamic republic of': 'IR',
  'bolivia plurinational state of': 'BO',
  'tanzania united republic of': 'TZ',
  'venezuela bolivarian republic of': 'VE',
  'congo the democratic republic of the': 'CD',
  'congo democratic republic of the': 'CD',
  'palestine state of': 'PS',
  'korea democratic peoples republic of': 'KP',
  swaziland: 'SZ',
  'macedonia the former yugoslav republic of': 'MK',
  'saint helena ascension and tristan da cunha': 'SH',
  'netherlands the': 'NL',
  burma: 'MM',
  'east timor': 'TL',
  macau: 'MO',
  vatican: 'VA',
};

/** Constituent countries of the UK: mapped to GB with a warning. */
const CONSTITUENTS: ReadonlySet<string> = new Set(['england', 'scotland', 'wales', 'northern ireland']);

function buildNameIndex(): ReadonlyMap<string, string> {
  const index = new Map<string, string>();
  for (const [code, names] of Object.entries(en.countries)) {
    for (const name of Array.isArray(names) ? names : [names]) index.set(foldKey(name), code);
  }
  for (const [alias, code] of Object.entries(EXTRA_ALIASES)) index.set(alias, code);
  return index;
}

const NAME_INDEX = buildNameIndex();
const ALPHA2: ReadonlySet<string> = new Set(Object.keys(countries.getAlpha2Codes()));

/** Resolve a code or name to alpha-2, or undefined. `constituent` is true for England & co. */
export function lookupCountry(text: string): { code: string; constituent: boolean } | undefined {
  if (text.length > MAX_INPUT) return undefined;
  const key = foldKey(text);
  if (CONSTITUENTS.has(key)) return { code: 'GB', constituent: true };
  const named = NAME_INDEX.get(key) ?? NAME_INDEX.get(key.replace(/^the /, ''));
  if (named !== undefined) return { code: named, constituent: false };
  const upper = key.replace(/ /g, '').toUpperCase();
  if (upper.length === 2 && ALPHA2.has(upper)) return { code: upper, constituent: false };
  if (upper.length === 3 && /^[A-Z]{3}$/.test(upper)) {
    const alpha2 = countries.alpha3ToAlpha2(upper);
    if (alpha2 !== undefined) return { code: alpha2, constituent: false };
  }
  return undefined;
}

function resolve(text: string): NormalizeResult<string> {
  const found = lookupCountry(text);
  if (found === undefined) {
    return fail('COUNTRY_UNKNOWN', 'Country is not a known ISO 3166-1 code, English name or alias.', {
      received: describeShape(text),
      expected: 'ISO 3166-1 alpha-2 or alpha-3 code, or English country name',
    });
  }
  if (!found.constituent) return ok(found.code);
  return ok(found.code, warn('COUNTRY_CONSTITUENT_MAPPED', 'A UK constituent country was written as GB.'));
}

/**
 * Normalize a country to ISO 3166-1 alpha-2: `us`, `USA`, `United States`, `U.S.A.`, `UK`,
 * `Great Britain`, `Australia`, `Deutschland` … England/Scotland/Wales/Northern Ireland → GB with a
 * warning. Empty → `options.default` (normalized) or ''.
 */
export function normalizeCountry(
  raw: string,
  options: NormalizeCountryOptions = {},
): NormalizeResult<string> {
  const s = blankOrTrimmed(raw);
  if (s !== '') return resolve(s);
  if (options.default === undefined) return ok('');
  const fallback = blankOrTrimmed(options.default);
  return fallback === '' ? ok('') : resolve(fallback);
}
