/**
 * Write a proposal into migration.yaml (pure: text in, text out) with the yaml Document API, so
 * the user's comments and mappings stay as written. Each new entry gets a comment with its
 * confidence and evidence; the assignment to-do becomes lookup tables with empty entries.
 * @module
 */
import type { Document, Node } from 'yaml';
import { isMap, isScalar, parseDocument, YAMLMap } from 'yaml';
import { keepNumberKeysAsWritten, yamlKeyText } from '../config/index.js';
import type { AssignmentTodo } from './assignment-todo.js';
import type { MappingProposal, ProposedEntry } from './propose-mapping.js';
import type { RoleTarget } from './roles.js';

/** What {@link writeProposal} changed. */
export interface WriteResult {
  readonly text: string;
  readonly added: readonly string[];
  readonly lookupEntries: number;
}

function ensureMap(doc: Document, path: readonly string[]): YAMLMap {
  const existing = doc.getIn(path, true);
  if (isMap(existing)) return existing;
  const created = new YAMLMap();
  doc.setIn(path, created);
  return created;
}

function mappingFor(entry: ProposedEntry, t: RoleTarget, todo: AssignmentTodo): Record<string, unknown> {
  const out: Record<string, unknown> = { from: entry.column };
  if (t.normalize !== undefined) out.normalize = t.normalize;
  if (t.order !== undefined) out.order = t.order;
  if (t.lookup !== undefined) out.lookup = t.lookup;
  if (t.field !== undefined) out.field = t.field;
  if (t.normalize === 'enum') out.map = { ...(todo.enums.find((e) => e.column === entry.column)?.map ?? {}) };
  return out;
}

/** What the proposal decides in an entry; every other key is the merchant's and is kept. */
const PROPOSED_KEYS = new Set(['from', 'normalize', 'order', 'lookup', 'field', 'map']);

/**
 * A stale entry replaced: its column and how it is read come from the proposal, but the options
 * the merchant set (`dummy`, `default`, `decimal`, …) stay, and so do the entries of a `map` of
 * theirs (the proposal only adds the values it lacks).
 */
function keptOptions(previous: YAMLMap, proposed: Record<string, unknown>): Record<string, unknown> {
  const old = previous.toJSON() as Record<string, unknown>;
  const out: Record<string, unknown> = { ...proposed };
  for (const [key, value] of Object.entries(old)) {
    if (!PROPOSED_KEYS.has(key)) out[key] = value;
    else if (key === 'map' && out.map !== undefined && typeof value === 'object' && value !== null)
      out.map = { ...(out.map as Record<string, unknown>), ...(value as Record<string, unknown>) };
  }
  return out;
}

function comment(entry: ProposedEntry): string {
  return ` kmigrate map: confidence ${entry.confidence.toFixed(2)}, ${entry.strategy}: ${entry.evidence}`;
}

function addColumns(doc: Document, proposal: MappingProposal, todo: AssignmentTodo): string[] {
  const columns = ensureMap(doc, ['transactions', 'columns']);
  const added: string[] = [];
  for (const entry of proposal.entries)
    for (const t of entry.targets) {
      // an entry naming only columns the file does not have is replaced (the build refuses it)
      const stale = proposal.stale.find((s) => s.target === t.target);
      if (columns.has(t.target) && stale === undefined) continue;
      const proposed = mappingFor(entry, t, todo);
      const previous = stale === undefined ? undefined : columns.get(t.target, true);
      const node = doc.createNode(isMap(previous) ? keptOptions(previous, proposed) : proposed, {
        flow: true,
      }) as Node;
      // an anchor the merchant set stays on the entry: their aliases of it (`*ad`) still resolve
      if (isMap(previous) && previous.anchor !== undefined) node.anchor = previous.anchor;
      const own = isMap(previous) && typeof previous.comment === 'string' ? `${previous.comment} ·` : '';
      node.comment = `${own}${comment(entry)}${stale === undefined ? '' : ` (replaces from: ${stale.from.join(', ')}, not in the file)`}`;
      columns.set(t.target, node);
      added.push(t.target);
    }
  const left = proposal.below.map(
    (b) =>
      `${b.targets.map((t) => t.target).join('+')} ← '${b.column}' (${b.confidence.toFixed(2)}: ${b.evidence})`,
  );
  if (left.length > 0)
    columns.comment = [
      ` kmigrate map left these unmapped (below ${proposal.threshold}):`,
      ...left.map((l) => `   ${l}`),
    ].join('\n');
  return added;
}

function addLookups(doc: Document, todo: AssignmentTodo): number {
  let count = 0;
  for (const l of todo.lookups) {
    const table = ensureMap(doc, ['lookups', l.lookup]);
    const lookups = doc.getIn(['lookups'], true);
    if (isMap(lookups)) {
      const pair = lookups.items.find((p) => isScalar(p.key) && p.key.value === l.lookup);
      if (pair !== undefined && isScalar(pair.key) && pair.key.commentBefore == null)
        pair.key.commentBefore = ` TO DO (kmigrate map): the Konnektive ${l.fields.join(' and ')} for every '${l.column}' value${l.capped ? ' (list capped)' : ''}.`;
    }
    // the build finds a key exactly, then trimmed and case-insensitively (a YAML key that reads as
    // a number is the text written: `007: "7"` is the key 007): an entry the merchant has in any
    // such spelling needs no empty twin, which would be found first and hide it
    const keys = new Set(
      table.items.flatMap((p) => {
        const key = yamlKeyText(p.key);
        return key === null ? [] : [key.trim().toLowerCase()];
      }),
    );
    for (const value of l.values) {
      if (keys.has(value.trim().toLowerCase())) continue;
      keys.add(value.trim().toLowerCase());
      const empty =
        l.lookup === 'plans' ? doc.createNode({ campaignId: '', productId: '' }, { flow: true }) : '';
      table.set(value, empty);
      count++;
    }
  }
  return count;
}

/** Merge the proposal into migration.yaml text; existing entries and comments are kept. */
export function writeProposal(text: string, proposal: MappingProposal, todo: AssignmentTodo): WriteResult {
  const doc = parseDocument(text);
  // a key such as `007:` is kept as the build reads it (written back "007", not 7)
  keepNumberKeysAsWritten(doc);
  const added = addColumns(doc, proposal, todo);
  const lookupEntries = addLookups(doc, todo);
  return { text: doc.toString({ lineWidth: 0 }), added, lookupEntries };
}
