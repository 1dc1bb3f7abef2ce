/**
 * Option parsers shared by the command registrations.
 * @module
 */
import { InvalidArgumentError, Option } from 'commander';
import { isCalendarDate } from '../core/index.js';

/** A YYYY-MM-DD date argument, a day that exists. */
export function ymd(value: string): string {
  if (!isCalendarDate(value)) throw new InvalidArgumentError('expected a YYYY-MM-DD date that exists.');
  return value;
}

/** A whole number ≥ 0. */
export function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number.');
  return n;
}

/** A number of days around the import date: a whole number from 0 to 3650. */
export function days(value: string): number {
  const n = nonNegative(value);
  if (n > 3650) throw new InvalidArgumentError('expected a whole number of days from 0 to 3650.');
  return n;
}

/** A whole number ≥ 1. */
export function positive(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a whole number of at least 1.');
  return n;
}

/** A number > 0 (seconds, sizes). */
export function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a number greater than 0.');
  return n;
}

/** A comma-separated list of Konnektive MIDs (whole numbers), e.g. `7,12`. */
export function midList(value: string): string[] {
  const mids = value.split(',').map((s) => s.trim());
  if (mids.length === 0 || mids.some((m) => !/^\d{1,10}$/.test(m)))
    throw new InvalidArgumentError('expected comma-separated MIDs (whole numbers), e.g. 7,12.');
  return mids;
}

/** `--format text|json`. */
export function formatOption(): Option {
  return new Option('--format <format>', 'output format').choices(['text', 'json']).default('text');
}
