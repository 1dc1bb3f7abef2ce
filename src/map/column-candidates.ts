/**
 * Candidate roles for one source column: preset first, then the alias table, then fuzzy
 * matching; each scored, then adjusted by the column's value shape when a profile is known.
 * @module
 */
import type { ColumnProfile } from '../profile/index.js';
import { headerKey } from '../profile/index.js';
import { ALIASES, WEAK_ALIASES } from './alias-table.js';
import { fuzzyScore } from './fuzzy-score.js';
import type { PresetEntry } from './preset-tables.js';
import { ROLES } from './roles.js';

/** How a candidate was found. */
export type MatchStrategy = 'preset' | 'alias' | 'fuzzy' | 'value';

/** One possible meaning of a column. */
export interface Candidate {
  readonly column: string;
  readonly index: number;
  readonly role: string;
  readonly confidence: number;
  readonly strategy: MatchStrategy;
  readonly evidence: string;
  /** Tie-break: position of the matched alias in the role's list. */
  readonly rank: number;
  /** The column is empty in the profiled file: listed, never proposed (whatever the threshold). */
  readonly empty?: true;
}

const ALIAS_INDEX: ReadonlyMap<string, { role: string; rank: number; alias: string }[]> = (() => {
  const index = new Map<string, { role: string; rank: number; alias: string }[]>();
  for (const [role, aliases] of Object.entries(ALIASES))
    aliases.forEach((alias, rank) => {
      const key = headerKey(alias);
      index.set(key, [...(index.get(key) ?? []), { role, rank, alias }]);
    });
  return index;
})();

const FUZZY_WEIGHT = 0.78;
/** The most an empty column's candidate scores (below every usable threshold). */
const EMPTY_CEILING = 0.5;
const FUZZY_FLOOR = 0.45;

function withEvidence(c: Candidate, profile: ColumnProfile | undefined): Candidate {
  const role = ROLES[c.role];
  if (profile === undefined || role === undefined) return c;
  const type = profile.type;
  // an empty column fills nothing: never proposed above the threshold (a required target mapped
  // from it would look done and fail on every row); listed below it with the reason
  if (type === 'empty')
    return {
      ...c,
      confidence: Math.min(c.confidence - 0.1, EMPTY_CEILING),
      evidence: `${c.evidence}; but the column is empty in this file`,
      empty: true,
    };
  if (role.types.length === 0 || type === 'mixed') return c;
  if (role.types.includes(type)) {
    const bonus = c.strategy === 'fuzzy' ? 0.15 : 0.02;
    return {
      ...c,
      confidence: Math.min(0.99, c.confidence + bonus),
      evidence: `${c.evidence}; values look like ${type}${profile.format ? ` (${profile.format})` : ''}`,
    };
  }
  return {
    ...c,
    confidence: c.confidence - 0.45,
    evidence: `${c.evidence}; but the values look like ${type}`,
  };
}

function fuzzyCandidate(header: string, index: number): Candidate | null {
  let best: Candidate | null = null;
  for (const [role, aliases] of Object.entries(ALIASES))
    aliases.forEach((alias, rank) => {
      const score = fuzzyScore(header, alias);
      if (score < FUZZY_FLOOR || (best !== null && score * FUZZY_WEIGHT <= best.confidence)) return;
      const confidence = Math.round(score * FUZZY_WEIGHT * 100) / 100;
      best = {
        column: header,
        index,
        role,
        confidence,
        strategy: 'fuzzy',
        evidence: `header resembles '${alias}'`,
        rank,
      };
    });
  return best;
}

/** The candidates of one column (empty when the preset ignores it). */
export function columnCandidates(
  header: string,
  index: number,
  preset: PresetEntry | undefined,
  profile: ColumnProfile | undefined,
): Candidate[] {
  if (preset !== undefined) {
    if (typeof preset !== 'string') return [];
    return [
      withEvidence(
        {
          column: header,
          index,
          role: preset,
          confidence: 0.97,
          strategy: 'preset',
          evidence: 'source preset',
          rank: 0,
        },
        profile,
      ),
    ];
  }
  const key = headerKey(header);
  const out: Candidate[] = (ALIAS_INDEX.get(key) ?? []).map(({ role, rank, alias }) => {
    const confidence = WEAK_ALIASES.has(key) ? 0.85 : 0.95;
    return withEvidence(
      { column: header, index, role, confidence, strategy: 'alias', evidence: `alias '${alias}'`, rank },
      profile,
    );
  });
  if (out.length === 0) {
    const fuzzy = fuzzyCandidate(header, index);
    if (fuzzy !== null) out.push(withEvidence(fuzzy, profile));
  }
  if (profile?.type === 'card-number' && !out.some((c) => c.role === 'cardNumber'))
    out.push({
      column: header,
      index,
      role: 'cardNumber',
      confidence: 0.88,
      strategy: 'value',
      evidence: 'values are Luhn-valid card numbers',
      rank: 99,
    });
  return out;
}
