/**
 * Normalizers: pure, total, table-tested functions from raw source text to Konnektive values.
 * @module
 */

export { CONTACT_ISSUE_CODES } from './codes-contact.js';
export { VALUE_ISSUE_CODES } from './codes-values.js';
export type {
  DateFormatId,
  DateInference,
  DateInferenceCollector,
  DateInferenceResultOptions,
} from './infer-date-format.js';
export { createDateInference } from './infer-date-format.js';
export { lexDate } from './lex-date.js';
export type { MapEnumOptions } from './map-enum.js';
export { mapEnum } from './map-enum.js';
export { looksLikeMojibake, MOJIBAKE_REPAIRED, repairMojibake } from './mojibake.js';
export type { NormalizeBlankOptions } from './normalize-blank.js';
export { blankOrTrimmed, DEFAULT_BLANK_PLACEHOLDERS, normalizeBlank } from './normalize-blank.js';
export type { NormalizeBooleanOptions } from './normalize-boolean.js';
export { normalizeBoolean } from './normalize-boolean.js';
export type { NormalizeCountryOptions } from './normalize-country.js';
export { normalizeCountry } from './normalize-country.js';
export type { NormalizeDateOptions } from './normalize-date.js';
export { dateAmbiguousProblem, normalizeDate, normalizeDateTime } from './normalize-date.js';
export type {
  DigitsKind,
  NormalizeDigitsOptions,
  PrecisionLossCheck,
  PrecisionLossResult,
} from './normalize-digits.js';
export { abaChecksumValid, createPrecisionLossCheck, normalizeDigits } from './normalize-digits.js';
export { normalizeEmail } from './normalize-email.js';
export type { CardExpiry, NormalizeExpiryOptions } from './normalize-expiry.js';
export {
  expiryBefore,
  normalizeExpiry,
  normalizeExpiryMonth,
  normalizeExpiryYear,
} from './normalize-expiry.js';
export type {
  DecimalInference,
  DecimalInferenceCollector,
  NormalizeMoneyOptions,
} from './normalize-money.js';
export { inferDecimalSeparator, isCurrencyCode, isMarkedAmount, normalizeMoney } from './normalize-money.js';
export type { NormalizeNameOptions, SplitName } from './normalize-name.js';
export { normalizeName, splitFullName } from './normalize-name.js';
export type { NormalizePhoneOptions } from './normalize-phone.js';
export { isPhoneRegion, isWritableDummy, normalizePhone } from './normalize-phone.js';
export type { NormalizePostalCodeOptions } from './normalize-postal-code.js';
export { normalizePostalCode } from './normalize-postal-code.js';
export type { NormalizeStateOptions } from './normalize-state.js';
export { normalizeState } from './normalize-state.js';
export type { NormalizeProblem, NormalizeResult } from './result.js';
export { fail, ok, warn } from './result.js';
export type { SpreadsheetColumnKind } from './spreadsheet-damage.js';
export {
  detectSpreadsheetDamage,
  spreadsheetErrorValue,
  stripTrailingDecimal,
} from './spreadsheet-damage.js';
export type { WallClock, WallClockFit, ZonedInstant, ZoneSpec } from './time-zone.js';
export {
  isValidTimeZone,
  parseZoneToken,
  resolveZonedWallClock,
  utcToZonedWallClock,
  zonedWallClockToUtc,
} from './time-zone.js';
export { trimEnds } from './trim-ends.js';
