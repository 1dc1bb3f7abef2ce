/**
 * Checks of the column mappings that would otherwise fail every row at run time: a lookup `field`
 * that no entry has, a phone `region` the phone library does not know, an enum `map` value the
 * target column does not allow, a normalizer's option on a column that normalizer does not read: a
 * money option (`decimal`, `cents`, `negative`, `currency`) on a column not read as money, a phone
 * option (`dummy`, `region`) on a column not read as a phone number, a date option (`format`,
 * `timeZone`) on a column not read as a date or date-time, `order` on a column not read as a card
 * expiry month or year, `kind` on a column not read as digits.
 * @module
 */
import { isPhoneRegion } from '../normalize/index.js';
import { builtinSpec, type ColumnSpec, type FileKind } from '../schema/index.js';
import type { MigrationConfig } from './migration-schema.js';
import type { ConfigProblem } from './parse-config.js';

type Mapping = MigrationConfig['transactions']['columns'][string];

/**
 * The mapping options only some normalizers read (cell-normalizer.ts): on a column given any other
 * normalizer they would be silently ignored, so each is a configuration error naming the column.
 * `normalizers` read the options; `types` are the spec types whose default normalizer is one of
 * them; `read` says how such a column is read in the message (`not read as money`), `fix` the
 * `normalize` that would read them.
 */
const OPTION_GROUPS = [
  {
    normalizers: ['money'],
    types: ['decimal'],
    noun: 'a money option',
    read: 'money',
    fix: 'money',
    options: ['decimal', 'cents', 'negative', 'currency'],
  },
  {
    normalizers: ['phone'],
    types: ['phone'],
    noun: 'a phone option',
    read: 'a phone number',
    fix: 'phone',
    options: ['dummy', 'region'],
  },
  {
    normalizers: ['date', 'datetime'],
    types: ['date', 'datetime'],
    noun: 'a date option',
    read: 'a date or date-time',
    fix: 'date or datetime',
    options: ['format', 'timeZone'],
  },
  {
    normalizers: ['expiry-month', 'expiry-year'],
    types: ['month', 'year'],
    noun: 'an expiry option',
    read: 'a card expiry month or year',
    fix: 'expiry-month or expiry-year',
    options: ['order'],
  },
  {
    normalizers: ['digits'],
    types: ['digits'],
    noun: 'a digits option',
    read: 'digits',
    fix: 'digits',
    options: ['kind'],
  },
] as const satisfies readonly {
  normalizers: readonly NonNullable<Mapping['normalize']>[];
  types: readonly ColumnSpec['type'][];
  noun: string;
  read: string;
  fix: string;
  options: readonly (keyof Mapping)[];
}[];

/**
 * The options of a group set on a column that is not read by one of the group's normalizers: the
 * normalizer the build gives the column (cell-normalizer.ts: `normalize`, else the one of the
 * column's type) would ignore them. A column the spec does not have in any case (a vendor
 * template's extra column) is read as text unless `normalize` says otherwise.
 */
function foreignOptionProblems(
  column: string,
  m: Mapping,
  spec: ColumnSpec | undefined,
  at: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const group of OPTION_GROUPS) {
    const readBy =
      m.normalize !== undefined
        ? (group.normalizers as readonly string[]).includes(m.normalize)
        : spec !== undefined && (group.types as readonly string[]).includes(spec.type);
    if (readBy) continue;
    const readAs =
      m.normalize !== undefined
        ? `normalize: ${m.normalize}`
        : spec === undefined
          ? 'it is not a Konnektive column, so it is read as text'
          : `its type is ${spec.type}`;
    for (const option of group.options)
      if (m[option] !== undefined)
        problems.push({
          path: `${at}.${option}`,
          message: `${option} is ${group.noun}, but ${column} is not read as ${group.read} (${readAs}): remove ${option}, or set normalize: ${group.fix}`,
        });
  }
  return problems;
}

/** The problems of one mapping at `at` (`transactions.columns.productId`). */
function mappingProblems(
  config: MigrationConfig,
  kind: FileKind,
  column: string,
  m: Mapping,
  at: string,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const table = m.lookup === undefined ? undefined : config.lookups[m.lookup];
  if (table !== undefined) {
    const entries = Object.values(table);
    const records = entries.filter(
      (e): e is { [x: string]: string | number } => typeof e === 'object' && e !== null,
    );
    if (records.length > 0 && m.field === undefined)
      problems.push({
        path: `${at}.field`,
        message: `lookup table ${m.lookup} holds records: say which field (field: …)`,
      });
    if (m.field !== undefined && entries.length > 0 && records.length === 0)
      problems.push({
        path: `${at}.field`,
        message: `lookup table ${m.lookup} holds plain values: remove field`,
      });
    const field = m.field;
    if (field !== undefined && records.length > 0 && !records.some((r) => field in r)) {
      const near = records
        .flatMap((r) => Object.keys(r))
        .find((k) => k.toLowerCase() === field.toLowerCase());
      problems.push({
        path: `${at}.field`,
        message: `no entry of lookup table ${m.lookup} has a field ${field}${near ? ` (did you mean ${near}?)` : ''}`,
      });
    }
  }
  // a vendor template may spell a built-in column in another case (DateCreated): the build maps
  // that spelling to the built-in column, read by its normalizer (schema/apply-template.ts)
  const columns = builtinSpec().kinds[kind].columns;
  const spec =
    columns.find((c) => c.name === column) ??
    columns.find((c) => c.name.toLowerCase() === column.toLowerCase());
  const foreign = foreignOptionProblems(column, m, spec, at);
  // a region on a column not read as a phone number is named as such, not also judged as a region
  if (m.region !== undefined && !isPhoneRegion(m.region) && !foreign.some((p) => p.path === `${at}.region`))
    problems.push({
      path: `${at}.region`,
      message: `${m.region} is not a phone region: use an ISO country code such as US or GB`,
    });
  problems.push(...foreign);
  const allowed = spec?.enum;
  if (m.map !== undefined && m.lookup === undefined && allowed !== undefined) {
    for (const [from, to] of Object.entries(m.map))
      if (!allowed.includes(to))
        problems.push({
          path: `${at}.map.${from}`,
          message: `${to} is not a value of ${column} (${allowed.join(', ')})`,
        });
  }
  return problems;
}

/** Add the problems of every section's column mappings to `problems`. */
export function validateColumns(config: MigrationConfig, problems: ConfigProblem[]): void {
  for (const kind of ['transactions', 'notes', 'details'] as const) {
    const section = config[kind];
    if (!section) continue;
    for (const [column, m] of Object.entries(section.columns))
      problems.push(...mappingProblems(config, kind, column, m, `${kind}.columns.${column}`));
  }
}
