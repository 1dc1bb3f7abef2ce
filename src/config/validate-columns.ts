/**
 * Checks of the column mappings that would otherwise fail every row at run time: a lookup `field`
 * that no entry has, a phone `region` the phone library does not know, an enum `map` value the
 * target column does not allow, a money option (`decimal`, `cents`, `negative`, `currency`) on a
 * column not read as money.
 * @module
 */
import { isPhoneRegion } from '../normalize/index.js';
import { builtinSpec, type ColumnSpec, type FileKind } from '../schema/index.js';
import type { MigrationConfig } from './migration-schema.js';
import type { ConfigProblem } from './parse-config.js';

type Mapping = MigrationConfig['transactions']['columns'][string];

/** The mapping options only the money normalizer reads: on any other column they would be ignored. */
const MONEY_OPTIONS = [
  'decimal',
  'cents',
  'negative',
  'currency',
] as const satisfies readonly (keyof Mapping)[];

/**
 * A money option on a column not read as money: the normalizer the build gives the column
 * (cell-normalizer.ts: `normalize`, else money for a decimal column) would ignore it. A column not
 * in the spec without `normalize` is left to the build.
 */
function moneyOptionProblems(
  column: string,
  m: Mapping,
  spec: ColumnSpec | undefined,
  at: string,
): ConfigProblem[] {
  // a column the spec does not have (a vendor template's extra column) is read as text
  const money = m.normalize !== undefined ? m.normalize === 'money' : spec?.type === 'decimal';
  if (money) return [];
  const readAs =
    m.normalize !== undefined
      ? `normalize: ${m.normalize}`
      : spec === undefined
        ? 'it is not a Konnektive column, so it is read as text'
        : `its type is ${spec.type}`;
  return MONEY_OPTIONS.filter((option) => m[option] !== undefined).map((option) => ({
    path: `${at}.${option}`,
    message: `${option} is a money option, but ${column} is not read as money (${readAs}): remove ${option}, or set normalize: money`,
  }));
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
  if (m.region !== undefined && !isPhoneRegion(m.region))
    problems.push({
      path: `${at}.region`,
      message: `${m.region} is not a phone region: use an ISO country code such as US or GB`,
    });
  const spec = builtinSpec().kinds[kind].columns.find((c) => c.name === column);
  problems.push(...moneyOptionProblems(column, m, spec, at));
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
