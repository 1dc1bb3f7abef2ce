/**
 * Option parsers shared by the command registrations.
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';

/** A YYYY-MM-DD date argument. */
export function ymd(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) throw new InvalidArgumentError('expected YYYY-MM-DD.');
  return value;
}

/** A whole number ≥ 0. */
export function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

/** `--format text|json`. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}
