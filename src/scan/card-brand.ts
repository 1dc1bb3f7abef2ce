/**
 * Card brand from the BIN (IIN) ranges, with the lengths each brand issues.
 * @module
 */

/** A card brand kmigrate recognises. */
export type CardBrand =
  | 'visa'
  | 'mastercard'
  | 'amex'
  | 'discover'
  | 'diners'
  | 'jcb'
  | 'unionpay'
  | 'maestro'
  | 'mir';

interface BrandRange {
  readonly brand: CardBrand;
  /** Inclusive prefix range, compared on the first `from.length` digits. */
  readonly from: string;
  readonly to: string;
  readonly lengths: readonly number[];
}

const R = (brand: CardBrand, from: string, to: string, lengths: readonly number[]): BrandRange => ({
  brand,
  from,
  to,
  lengths,
});
const L16_19 = [16, 17, 18, 19];

/** Most specific first. */
const RANGES: readonly BrandRange[] = [
  R('discover', '622126', '622925', L16_19),
  R('mir', '2200', '2204', L16_19),
  R('mastercard', '2221', '2720', [16]),
  R('diners', '300', '305', [14, 15, 16, 17, 18, 19]),
  R('diners', '36', '36', [14, 15, 16, 17, 18, 19]),
  R('diners', '38', '39', [14, 15, 16, 17, 18, 19]),
  R('jcb', '3528', '3589', L16_19),
  R('amex', '34', '34', [15]),
  R('amex', '37', '37', [15]),
  R('visa', '4', '4', [13, 16, 19]),
  R('maestro', '5018', '5018', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '5020', '5020', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '5038', '5038', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '5893', '5893', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('mastercard', '51', '55', [16]),
  R('discover', '6011', '6011', L16_19),
  R('discover', '644', '649', L16_19),
  R('discover', '65', '65', L16_19),
  R('unionpay', '62', '62', L16_19),
  R('maestro', '6304', '6304', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '6759', '6759', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '6761', '6763', [12, 13, 14, 15, 16, 17, 18, 19]),
  R('maestro', '67', '67', [12, 13, 14, 15, 16, 17, 18, 19]),
];

/** The brand and allowed lengths of a card number, or null for an unknown BIN. */
export function detectBrand(digits: string): { brand: CardBrand; lengths: readonly number[] } | null {
  for (const r of RANGES) {
    const prefix = digits.slice(0, r.from.length);
    if (prefix.length === r.from.length && prefix >= r.from && prefix <= r.to)
      return { brand: r.brand, lengths: r.lengths };
  }
  return null;
}
