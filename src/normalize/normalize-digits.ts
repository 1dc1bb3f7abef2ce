/**
 * Digit strings (card numbers, ACH routing and account numbers, numeric ids) carried as text end
 * to end: never through a float, never losing a leading zero. Pure and total; messages and
 * `received` never carry the digits.
 * @module
 */
import { describeShape, luhnValid, VAULT_TOKEN_PATTERN } from '../core/index.js';
import { fail, type NormalizeProblem, type NormalizeResult, ok } from './result.js';
import { detectSpreadsheetDamage, stripTrailingDecimal } from './spreadsheet-damage.js';
import { trimEnds } from './trim-ends.js';

/** What a digit column holds; decides the length and checksum rules. */
export type DigitsKind = 'card' | 'routing' | 'account' | 'id';

/** Options for {@link normalizeDigits}. */
export interface NormalizeDigitsOptions {
  readonly kind: DigitsKind;
  /** Overrides the kind's minimum length (card 12, account 4, id 1; routing is always 9). */
  readonly minLength?: number;
  /** Overrides the kind's maximum length (card 19, account 17, id 64). */
  readonly maxLength?: number;
  /**
   * Set when {@link createPrecisionLossCheck} found Excel damage in the column: a card number
   * ending in 0 that fails Luhn is then reported as SPREADSHEET_PRECISION_LOST.
   */
  readonly precisionLossSuspected?: boolean;
}

const LIMITS: Readonly<Record<DigitsKind, readonly [number, number]>> = {
  card: [12, 19],
  routing: [9, 9],
  account: [4, 17],
  id: [1, 64],
};

const MASK_RE = /[xX*•#]/;
const SEPARATORS_RE = /[\s-]/g;
const DIGITS_RE = /^\d+$/;
const REEXPORT = 'Re-export the file from the source system without opening it in Excel.';

/** ABA routing checksum: 3·(d1+d4+d7) + 7·(d2+d5+d8) + (d3+d6+d9) ≡ 0 (mod 10). */
export function abaChecksumValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  const weights = [3, 7, 1, 3, 7, 1, 3, 7, 1];
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += (digits.charCodeAt(i) - 48) * (weights[i] ?? 0);
  return sum % 10 === 0;
}

function shape(digits: string): { received: string } {
  return { received: describeShape(digits) };
}

function checkRouting(digits: string): NormalizeResult {
  if (digits.length === 8) {
    const fits = abaChecksumValid(`0${digits}`) ? ' (with a leading 0 it passes the checksum)' : '';
    const message = `The routing number has 8 digits: a spreadsheet probably dropped its leading zero${fits}. ${REEXPORT}`;
    return fail('SPREADSHEET_LEADING_ZERO_LOST', message, { ...shape(digits), expected: '9 digits' });
  }
  if (digits.length !== 9)
    return fail('DIGITS_LENGTH', 'A routing number has exactly 9 digits.', {
      ...shape(digits),
      expected: '9 digits',
    });
  if (!abaChecksumValid(digits)) {
    return fail(
      'DIGITS_ROUTING_CHECKSUM',
      'The routing number fails the ABA checksum (a typo or a damaged value).',
      shape(digits),
    );
  }
  return ok(digits);
}

function checkCard(digits: string, suspected: boolean): NormalizeResult {
  if (luhnValid(digits)) return ok(digits);
  if (suspected && digits.endsWith('0')) {
    const message = `The card number fails the Luhn check and ends in 0: Excel kept only 15 significant digits. ${REEXPORT}`;
    return fail('SPREADSHEET_PRECISION_LOST', message, shape(digits));
  }
  return fail(
    'DIGITS_LUHN_FAILED',
    'The card number fails the Luhn check (a typo, a test number or a damaged value).',
    shape(digits),
  );
}

function checkLength(digits: string, options: NormalizeDigitsOptions): NormalizeResult | null {
  const [min, max] = LIMITS[options.kind];
  const low = options.minLength ?? min;
  const high = options.maxLength ?? max;
  if (digits.length >= low && digits.length <= high) return null;
  const expected = low === high ? `${low} digits` : `${low} to ${high} digits`;
  return fail('DIGITS_LENGTH', `The value must have ${expected}.`, { ...shape(digits), expected });
}

function withWarning(result: NormalizeResult, warning: NormalizeProblem | null): NormalizeResult {
  return result.ok && warning !== null ? ok(result.value, warning) : result;
}

/** Clean the text: spreadsheet damage, one leading apostrophe, masks, separators. */
function clean(
  text: string,
  kind: DigitsKind,
): { digits: string; warning: NormalizeProblem | null } | NormalizeResult {
  const damage = detectSpreadsheetDamage(text, kind === 'id' ? 'id' : 'digits');
  if (damage !== null && damage.severity === 'error') return { ok: false, problem: damage };
  const unquoted = text.startsWith("'") ? text.slice(1) : text;
  const value = damage === null ? unquoted : stripTrailingDecimal(unquoted);
  if (MASK_RE.test(value)) {
    return fail(
      'DIGITS_MASKED',
      'The value is masked (only some digits are shown): the full value is needed.',
      {
        received: `masked value of ${value.length} characters`,
      },
    );
  }
  const digits = value.replace(SEPARATORS_RE, '');
  if (!DIGITS_RE.test(digits))
    return fail('DIGITS_INVALID', 'The value must contain only digits, spaces or dashes.', shape(value));
  return { digits, warning: damage };
}

function allDigits(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Normalize a digit string: strip spaces and dashes and one leading apostrophe; refuse masked
 * values and spreadsheet damage; check lengths, Luhn (card) and the ABA checksum (routing).
 * Empty → ''. A kmigrate vault token in a card column is kept as it is.
 */
export function normalizeDigits(raw: string, options: NormalizeDigitsOptions): NormalizeResult {
  if (raw.length > 256) return fail('DIGITS_INVALID', 'The value is far too long for a number.', shape(raw));
  const text = trimEnds(raw);
  if (text === '') return ok('');
  // A vault token from `kmigrate tokenize` passes through: the card number stays in the vault.
  if (options.kind === 'card' && VAULT_TOKEN_PATTERN.test(text)) return ok(text);
  // Plain digits (the common case) have nothing to clean: no damage, apostrophe, mask or separator.
  const cleaned = allDigits(text) ? { digits: text, warning: null } : clean(text, options.kind);
  if ('ok' in cleaned) return cleaned;
  const { digits, warning } = cleaned;
  if (options.kind === 'routing') return withWarning(checkRouting(digits), warning);
  const lengthProblem = checkLength(digits, options);
  if (lengthProblem !== null) return lengthProblem;
  if (options.kind === 'card')
    return withWarning(checkCard(digits, options.precisionLossSuspected === true), warning);
  return withWarning(ok(digits), warning);
}

/** What {@link createPrecisionLossCheck} concluded about a card column. */
export interface PrecisionLossResult {
  readonly suspected: boolean;
  readonly evidence: string;
}

/** A column observer for Excel's 15-significant-digit damage to card numbers. */
export interface PrecisionLossCheck {
  observe(raw: string): void;
  result(): PrecisionLossResult;
}

interface PrecisionState {
  values: number;
  sixteenPlus: number;
  failures: number;
  failuresEndingZero: number;
  fifteenEndingZeroFailures: number;
  scientific: number;
}

function observePan(state: PrecisionState, raw: string): void {
  if (raw.length > 64) return;
  const text = trimEnds(raw);
  if (/^[+-]?\d(?:[.,]\d{1,20})?\s?[eE][+-]?\d{1,3}$/.test(text)) {
    state.scientific++;
    return;
  }
  const digits = text.replace(SEPARATORS_RE, '');
  if (!DIGITS_RE.test(digits) || digits.length < 12) return;
  state.values++;
  if (digits.length >= 16) state.sixteenPlus++;
  if (luhnValid(digits)) return;
  state.failures++;
  if (!digits.endsWith('0')) return;
  state.failuresEndingZero++;
  if (digits.length === 15) state.fifteenEndingZeroFailures++;
}

function precisionResult(s: PrecisionState): PrecisionLossResult {
  if (s.scientific > 0)
    return { suspected: true, evidence: `${s.scientific} values are in scientific notation` };
  const mostly16 = s.sixteenPlus * 2 >= s.values;
  if (s.fifteenEndingZeroFailures > 0 && mostly16) {
    return {
      suspected: true,
      evidence: `${s.fifteenEndingZeroFailures} 15-digit values end in 0 and fail Luhn while most values have 16 digits`,
    };
  }
  if (s.failures >= 3 && s.failuresEndingZero * 2 >= s.failures) {
    return {
      suspected: true,
      evidence: `${s.failuresEndingZero} of ${s.failures} Luhn failures end in 0 (random typos would give about 1 in 10)`,
    };
  }
  return {
    suspected: false,
    evidence: `${s.failures} of ${s.values} card numbers fail Luhn; no sign of Excel precision loss`,
  };
}

/** Start checking a card-number column for Excel precision loss (observe every row, then result). */
export function createPrecisionLossCheck(): PrecisionLossCheck {
  const state: PrecisionState = {
    values: 0,
    sixteenPlus: 0,
    failures: 0,
    failuresEndingZero: 0,
    fifteenEndingZeroFailures: 0,
    scientific: 0,
  };
  return { observe: (raw) => observePan(state, raw), result: () => precisionResult(state) };
}
