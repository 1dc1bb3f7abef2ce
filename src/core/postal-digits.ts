/**
 * Countries whose postal codes are all digits of one length (shared by the postal-code normalizer
 * and check's postal rule).
 * @module
 */

/**
 * Countries whose postal codes are all digits of one length and include codes starting with 0,
 * with that length and their lowest code: a shorter all-digit value there has lost leading zeros
 * (a spreadsheet read it as a number), and padding it is provable when the padded code is not
 * below the lowest one (AU 0800 Darwin, DE 01067 Dresden, IT 00118 Rome, NO 0150 Oslo).
 */
const FIXED_DIGIT_POSTAL: Readonly<Record<string, readonly [length: number, lowest: number]>> = {
  AU: [4, 200],
  NZ: [4, 110],
  NO: [4, 1],
  ZA: [4, 1],
  DE: [5, 1001],
  FR: [5, 1000],
  IT: [5, 10],
  ES: [5, 1001],
  FI: [5, 100],
  MX: [5, 1000],
  MY: [5, 1000],
  KR: [5, 1000],
};

/** The digit count and lowest code of a country's all-digit postal codes, if it has such codes. */
export function fixedDigitPostal(country: string): readonly [length: number, lowest: number] | undefined {
  return Object.hasOwn(FIXED_DIGIT_POSTAL, country) ? FIXED_DIGIT_POSTAL[country] : undefined;
}

/** The countries of {@link fixedDigitPostal}, for messages and docs. */
export const FIXED_DIGIT_POSTAL_COUNTRIES: readonly string[] = Object.keys(FIXED_DIGIT_POSTAL);
