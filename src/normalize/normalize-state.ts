/**
 * States, provinces and regions to the Konnektive `state` column (varchar(6)):
 * US, CA and AU to their postal codes, from codes or names; elsewhere the trimmed region text.
 * @module
 */
import { describeShape } from '../core/index.js';
import { blankOrTrimmed } from './normalize-blank.js';
import { foldKey, lookupCountry } from './normalize-country.js';
import { cleanText } from './normalize-name.js';
import type { NormalizeResult } from './result.js';
import { fail, ok, warn } from './result.js';

/** Options for {@link normalizeState}. */
export interface NormalizeStateOptions {
  /** The row's country: alpha-2 code or anything normalizeCountry accepts. Empty: try US, then CA names. */
  readonly country: string;
}

const US =
  'AL:Alabama|AK:Alaska|AZ:Arizona|AR:Arkansas|CA:California|CO:Colorado|CT:Connecticut|DE:Delaware|' +
  'DC:District of Columbia;Washington DC;Washington D.C.|FL:Florida|GA:Georgia|HI:Hawaii|ID:Idaho|' +
  'IL:Illinois|IN:Indiana|IA:Iowa|KS:Kansas|KY:Kentucky|LA:Louisiana|ME:Maine|MD:Maryland|' +
  'MA:Massachusetts|MI:Michigan|MN:Minnesota|MS:Mississippi|MO:Missouri|MT:Montana|NE:Nebraska|' +
  'NV:Nevada|NH:New Hampshire|NJ:New Jersey|NM:New Mexico|NY:New York|NC:North Carolina|' +
  'ND:North Dakota|OH:Ohio|OK:Oklahoma|OR:Oregon|PA:Pennsylvania|RI:Rhode Island|SC:South Carolina|' +
  'SD:South Dakota|TN:Tennessee|TX:Texas|UT:Utah|VT:Vermont|VA:Virginia|WA:Washington|' +
  'WV:West Virginia|WI:Wisconsin|WY:Wyoming|AS:American Samoa|GU:Guam|MP:Northern Mariana Islands|' +
  'PR:Puerto Rico|VI:Virgin Islands;US Virgin Islands;U.S. Virgin Islands|' +
  'UM:United States Minor Outlying Islands|FM:Federated States of Micronesia;Micronesia|' +
  'MH:Marshall Islands|PW:Palau|AA:Armed Forces Americas|AE:Armed Forces Europe;Armed Forces Africa;' +
  'Armed Forces Canada;Armed Forces Middle East|AP:Armed Forces Pacific';
const CA =
  'AB:Alberta|BC:British Columbia;Colombie-Britannique|MB:Manitoba|NB:New Brunswick;Nouveau-Brunswick|' +
  'NL:Newfoundland and Labrador;Newfoundland;Terre-Neuve-et-Labrador|NS:Nova Scotia;Nouvelle-Écosse|' +
  'NT:Northwest Territories;Territoires du Nord-Ouest|NU:Nunavut|ON:Ontario|' +
  'PE:Prince Edward Island;Île-du-Prince-Édouard|QC:Quebec;Québec|SK:Saskatchewan|YT:Yukon;Yukon Territory';
const AU =
  'NSW:New South Wales|VIC:Victoria|QLD:Queensland|SA:South Australia|WA:Western Australia|' +
  'TAS:Tasmania|ACT:Australian Capital Territory|NT:Northern Territory;Northern Territory of Australia';

/** Obsolete Canadian codes still seen in old exports. */
const CA_OBSOLETE: Readonly<Record<string, string>> = { PQ: 'QC', NF: 'NL', YK: 'YT', LB: 'NL' };

interface RegionTable {
  readonly codes: ReadonlySet<string>;
  readonly names: ReadonlyMap<string, string>;
}

function buildTable(spec: string): RegionTable {
  const codes = new Set<string>();
  const names = new Map<string, string>();
  for (const entry of spec.split('|')) {
    const [code = '', list = ''] = entry.split(':');
    codes.add(code);
    for (const name of list.split(';')) names.set(foldKey(name), code);
  }
  return { codes, names };
}

const TABLES: Readonly<Record<string, RegionTable>> = {
  US: buildTable(US),
  CA: buildTable(CA),
  AU: buildTable(AU),
};
const MAX_LOOKUP = 60;
const MAX_REGION = 6;

function resolveCountry(country: string): string {
  const trimmed = blankOrTrimmed(country);
  if (trimmed.length === 2) return trimmed.toUpperCase();
  return trimmed === '' ? '' : (lookupCountry(trimmed)?.code ?? '');
}

function lookupIn(table: RegionTable, s: string): string | undefined {
  if (s.length > MAX_LOOKUP) return undefined;
  const key = foldKey(s);
  const upper = key.replace(/ /g, '').toUpperCase();
  if (table.codes.has(upper)) return upper;
  return table.names.get(key);
}

function unknown(s: string, country: string): NormalizeResult<string> {
  return fail('STATE_UNKNOWN', `State is not a known ${country} code or name.`, {
    received: describeShape(s),
    expected: `${country} state/province code or name`,
  });
}

function knownCountry(s: string, country: string, table: RegionTable): NormalizeResult<string> {
  const code = lookupIn(table, s);
  if (code !== undefined) return ok(code);
  const obsolete = country === 'CA' ? CA_OBSOLETE[foldKey(s).toUpperCase()] : undefined;
  if (obsolete === undefined) return unknown(s, country);
  return ok(
    obsolete,
    warn('STATE_OBSOLETE_CODE', 'An obsolete province code was replaced by the current one.'),
  );
}

function regionText(s: string): NormalizeResult<string> {
  const text = s.length > MAX_LOOKUP ? s : cleanText(s);
  if (text.length <= MAX_REGION) return ok(text);
  return fail('STATE_TOO_LONG', 'Region text is longer than the 6 characters the target column holds.', {
    received: describeShape(s),
    expected: 'region code of at most 6 characters',
  });
}

function noCountry(s: string): NormalizeResult<string> {
  const guess = lookupIn(TABLES.US!, s) ?? lookupIn(TABLES.CA!, s);
  return guess === undefined ? regionText(s) : ok(guess);
}

/**
 * Normalize a state/province. US/CA/AU: code from a code or a name (`California`, `new york`,
 * `Québec`, `Queensland` → QLD; DC, territories and military AA/AE/AP); unknown → STATE_UNKNOWN.
 * Other countries: the trimmed region text if it fits 6 characters, else STATE_TOO_LONG.
 * With an empty country, US then CA names are tried first.
 */
export function normalizeState(raw: string, options: NormalizeStateOptions): NormalizeResult<string> {
  const s = blankOrTrimmed(raw);
  if (s === '') return ok('');
  const country = resolveCountry(options.country);
  const table = TABLES[country];
  if (table !== undefined) return knownCountry(s, country, table);
  return country === '' ? noCountry(s) : regionText(s);
}
