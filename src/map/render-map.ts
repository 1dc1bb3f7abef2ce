/**
 * `kmigrate map` text output.
 * @module
 */
import type { AssignmentTodo } from './assignment-todo.js';
import type { MappingProposal } from './propose-mapping.js';

/** The proposal, what was left unmapped and the to-do, for a terminal. */
export function renderMapText(sourceName: string, p: MappingProposal, todo: AssignmentTodo): string {
  const lines: string[] = [];
  const layout =
    p.source === null
      ? 'no known layout (alias table and fuzzy matching only)'
      : `${p.source.label} [${p.source.id}]`;
  lines.push(`kmigrate map ${sourceName}: ${layout}; threshold ${p.threshold}`);
  lines.push('  proposed:');
  for (const e of p.entries)
    lines.push(
      `    ${e.targets
        .map((t) => t.target)
        .join(' + ')
        .padEnd(32)} ← ${e.column}  (${e.confidence.toFixed(2)} ${e.strategy}: ${e.evidence})`,
    );
  if (p.kept.length > 0) lines.push(`  kept as written in migration.yaml: ${p.kept.join(', ')}`);
  // a stale entry with no proposal of its own stays as written, and the build refuses it
  const replaced = new Set(p.entries.flatMap((e) => e.targets.map((t) => t.target)));
  const staleText = (list: typeof p.stale) =>
    list.map((s) => `${s.target} ← ${s.from.join(' | ')}`).join(', ');
  const again = p.stale.filter((s) => replaced.has(s.target));
  const none = p.stale.filter((s) => !replaced.has(s.target));
  if (again.length > 0)
    lines.push(`  in migration.yaml but not in this file (proposed again): ${staleText(again)}`);
  if (none.length > 0)
    lines.push(
      `  in migration.yaml but not in this file, and no column proposed (rename the from:, or remove the entry; build refuses it): ${staleText(none)}`,
    );
  if (p.below.length > 0) {
    lines.push(`  left unmapped (below ${p.threshold}):`);
    for (const b of p.below)
      lines.push(
        `    ${b.targets
          .map((t) => t.target)
          .join(' + ')
          .padEnd(32)} ? ${b.column}  (${b.confidence.toFixed(2)} ${b.strategy}: ${b.evidence})`,
      );
  }
  for (const i of p.ignored) lines.push(`  not mapped: ${i.column}: ${i.reason}`);
  lines.push(`  targets with no source column: ${p.unmappedTargets.join(', ') || 'none'}`);
  lines.push('  to do (the merchant decides):');
  for (const l of todo.lookups)
    lines.push(
      `    lookups.${l.lookup}: ${l.fields.join(' + ')} for ${l.values.length}${l.capped ? '+' : ''} value(s) of '${l.column}': ${l.values.slice(0, 10).join(', ')}${l.values.length > 10 ? ', …' : ''}`,
    );
  for (const e of todo.enums)
    if (e.unknown.length > 0)
      lines.push(`    '${e.column}' values with no ${e.role} mapping yet: ${e.unknown.join(', ')}`);
  for (const m of todo.missing) lines.push(`    ${m}`);
  if (lines[lines.length - 1] === '  to do (the merchant decides):') lines.push('    nothing');
  return `${lines.join('\n')}\n`;
}
