/**
 * The NANP (+1) dialling rule shared by the phone normalizer (build) and the check: a US/CA
 * number whose area code or exchange starts with 0 or 1 cannot be dialled. Pure, no allocation.
 * @module
 */

/** Regions sharing calling code +1 (North American Numbering Plan). */
export const NANP_REGIONS: ReadonlySet<string> = new Set(
  'US CA AG AI AS BB BM BS DM DO GD GU JM KN KY LC MP MS PR SX TC TT VC VG VI'.split(' '),
);

/** What is wrong with a 10-digit NANP number: its area code or its exchange starts with `digit`. */
export interface NanpFault {
  readonly part: 'area code' | 'exchange';
  readonly digit: 0 | 1;
}

const FAULTS: readonly NanpFault[] = [
  { part: 'area code', digit: 0 },
  { part: 'area code', digit: 1 },
  { part: 'exchange', digit: 0 },
  { part: 'exchange', digit: 1 },
];

/**
 * The fault of the 10-digit national number `text[s, s + 10)` (ASCII digits): its area code or
 * exchange (central office code) starts with 0 or 1. An area code starting with 0 or 1 is always
 * one; an exchange starting with 0 or 1 after area code 555 is not (fictional numbers such as
 * `(555) 010-4477`: synthetic data). Undefined when the number can be dialled.
 */
export function nanpFaultAt(text: string, s: number): NanpFault | undefined {
  const area = text.charCodeAt(s);
  const exchange = text.charCodeAt(s + 3);
  if (area >= 50 && exchange >= 50) return undefined;
  if (area < 50) return FAULTS[area - 48];
  if (area === 53 && text.charCodeAt(s + 1) === 53 && text.charCodeAt(s + 2) === 53) return undefined;
  return FAULTS[exchange - 46];
}

/** The message of a {@link NanpFault} (PHONE_NANP_INVALID). */
export function nanpFaultMessage(fault: NanpFault): string {
  return `The ${fault.part} starts with ${fault.digit}: no North American number does, so it cannot be dialled and a gateway may refuse it.`;
}

/** What a PHONE_NANP_INVALID names as received and expected. */
export function nanpFaultShape(fault: NanpFault): { received: string; expected: string } {
  return {
    received: `${fault.part} starting with ${fault.digit}`,
    expected: 'an area code and an exchange starting with 2–9',
  };
}

/**
 * A US/CA dummy phone number as the national number it stands for: an 11-digit one with its
 * leading 1 (`10000000000`) without it, as a source value holding it is read.
 */
export function nanpNationalDummy<T extends string | undefined>(dummy: T): T {
  return (
    dummy !== undefined && dummy.length === 11 && dummy.charCodeAt(0) === 49 ? dummy.slice(1) : dummy
  ) as T;
}
