/**
 * `kmigrate profile` output: text and a self-contained HTML page (JSON is the FileProfile itself).
 * @module
 */
import { esc, page, table } from '../report/index.js';
import type { FileProfile } from './profile-file.js';
import type { ColumnProfile } from './summarize-column.js';

const pct = (n: number): string => `${Math.round(n * 100)}%`;
const DELIMITERS: Readonly<Record<string, string>> = {
  ',': 'comma',
  ';': 'semicolon',
  '\t': 'tab',
  '|': 'pipe',
};

function typeLine(c: ColumnProfile): string {
  const format = c.format === undefined ? '' : ` ${c.format}${c.ambiguous === true ? ' (ambiguous)' : ''}`;
  return `${c.type}${format}${c.enumLike ? ', enum-like' : ''}`;
}

function distinctText(c: ColumnProfile): string {
  return c.distinctExact ? String(c.distinct) : `~${c.distinct}`;
}

function headerLines(p: FileProfile): string[] {
  const source =
    p.source === null
      ? 'unknown (no known header fingerprint)'
      : `${p.source.label} [${p.source.id}], score ${p.source.score}, ${p.source.matched}/${p.source.fileColumns} columns known`;
  return [
    `${p.file}: ${p.records} record(s), ${(p.bytes / 1e6).toFixed(1)} MB in ${p.seconds} s`,
    `  encoding ${p.encoding}${p.bom ? ' with BOM' : ''}, delimiter ${DELIMITERS[p.delimiter] ?? p.delimiter}, header on line ${p.headerLine}, line endings ${p.lineEnding}`,
    `  likely source: ${source}`,
  ];
}

/** Plain-text report for a terminal. */
export function renderProfileText(p: FileProfile): string {
  const lines = headerLines(p);
  for (const i of p.issues) lines.push(`  ${i.severity} ${i.code}: ${i.message}`);
  lines.push('  columns:');
  for (const c of p.columns) {
    lines.push(
      `    ${c.name}: ${typeLine(c)}; filled ${pct(c.fillRate)}, ${distinctText(c)} distinct${c.sensitive ? ', masked' : ''}`,
    );
    if (c.evidence !== undefined && (c.type === 'date' || c.ambiguous === true))
      lines.push(`      evidence: ${c.evidence}`);
    if (c.top !== undefined)
      lines.push(
        `      values: ${c.top
          .slice(0, 8)
          .map((t) => `${t.value} (${t.count})`)
          .join(', ')}`,
      );
    else if (c.examples.length > 0) lines.push(`      e.g. ${c.examples.join(' | ')}`);
    for (const d of c.damage) lines.push(`      ! ${d.code}: ${d.message}`);
  }
  for (const d of p.duplicates) {
    lines.push(
      `  duplicates by ${d.key} (${d.column}) across ${d.idColumn}: ${d.rows} row(s)${d.truncated ? ' (table full: later keys not tracked)' : ''}`,
    );
    for (const e of d.examples) lines.push(`    ${e.value}: rows ${e.firstRow} and ${e.row}`);
  }
  if (p.duplicates.length === 0)
    lines.push('  duplicates: not checked (no customer id with an e-mail or phone column)');
  return `${lines.join('\n')}\n`;
}

function fileSection(p: FileProfile): string {
  const rows = p.columns.map((c) => [
    c.name,
    typeLine(c),
    pct(c.fillRate),
    distinctText(c),
    c.evidence ?? '',
    c.top !== undefined
      ? c.top
          .slice(0, 8)
          .map((t) => `${t.value} (${t.count})`)
          .join(', ')
      : c.examples.join(' | '),
    c.damage.map((d) => d.message).join(' '),
  ]);
  const dups = p.duplicates.map((d) => [
    d.key,
    d.column,
    d.idColumn,
    d.rows,
    d.examples.map((e) => `${e.value}: rows ${e.firstRow}, ${e.row}`).join('; '),
  ]);
  return [
    `<h2>${esc(p.file)}</h2>`,
    ...headerLines(p)
      .slice(1)
      .map((l) => `<p>${esc(l.trim())}</p>`),
    p.issues.length > 0
      ? table(
          ['severity', 'code', 'message'],
          p.issues.map((i) => [i.severity, i.code, i.message]),
        )
      : '',
    table(['column', 'type', 'filled', 'distinct', 'evidence', 'values / examples', 'damage'], rows),
    dups.length > 0
      ? `<h3>Likely duplicates</h3>${table(['by', 'column', 'id column', 'rows', 'examples'], dups)}`
      : '',
  ].join('\n');
}

/** One HTML page for all profiled files. */
export function renderProfileHtml(profiles: readonly FileProfile[]): string {
  return page('kmigrate profile', `<h1>kmigrate profile</h1>\n${profiles.map(fileSection).join('\n')}`);
}
