/**
 * Recognise a file's source by its header fingerprint.
 * @module
 */
import { headerKey } from './header-key.js';
import type { SourceFormat } from './source-formats.js';
import { SOURCE_FORMATS } from './source-formats.js';

/** The best-matching known layout. */
export interface SourceGuess {
  readonly id: string;
  readonly source: string;
  readonly label: string;
  /** 0–1: share of the file's columns the layout explains, weighed with the layout's coverage. */
  readonly score: number;
  readonly matched: number;
  readonly fileColumns: number;
  readonly layoutColumns: number;
}

const MIN_SCORE = 0.5;
const MIN_MATCHED = 3;

function scoreFormat(keys: ReadonlySet<string>, format: SourceFormat): SourceGuess {
  const layout = new Set(format.headers.map(headerKey));
  let matched = 0;
  for (const k of keys) if (layout.has(k)) matched++;
  const explained = keys.size === 0 ? 0 : matched / keys.size;
  const coverage = layout.size === 0 ? 0 : matched / layout.size;
  const score = Math.round((0.75 * explained + 0.25 * Math.min(1, coverage * 2)) * 100) / 100;
  return {
    id: format.id,
    source: format.source,
    label: format.label,
    score,
    matched,
    fileColumns: keys.size,
    layoutColumns: layout.size,
  };
}

/** The known layout this header most likely comes from, or null when none fits well enough. */
export function detectSource(
  header: readonly string[],
  formats: readonly SourceFormat[] = SOURCE_FORMATS,
): SourceGuess | null {
  const keys = new Set(header.map(headerKey).filter((k) => k !== ''));
  let best: SourceGuess | null = null;
  for (const format of formats) {
    const guess = scoreFormat(keys, format);
    if (
      best === null ||
      guess.score > best.score ||
      (guess.score === best.score && guess.matched > best.matched)
    )
      best = guess;
  }
  return best !== null && best.score >= MIN_SCORE && best.matched >= MIN_MATCHED ? best : null;
}
