/** Synthetic Luhn-valid card numbers on test BINs, generated in the test (never stored in the repo). */

function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return String((10 - (sum % 10)) % 10);
}

const BINS = ['411111', '555555', '400000', '222300', '601100'];

/** The i-th synthetic 16-digit card (distinct for distinct i below 10^9). */
export function syntheticCard(i: number): string {
  const body = `${BINS[i % BINS.length]}${String(i).padStart(9, '0')}`;
  return body + luhnDigit(body);
}

/** A CSV of `n` rows: id, card (every 10th row repeats an earlier card), cvv, note. */
export function cardCsv(n: number): { csv: string; cards: string[] } {
  const cards: string[] = [];
  const lines = ['customer_id,card_number,cvv,note'];
  for (let i = 0; i < n; i++) {
    const card = i % 10 === 9 ? (cards[i - 5] ?? '') : syntheticCard(i);
    cards.push(card);
    lines.push(`C${i},${card},${String(i % 1000).padStart(3, '0')},row ${i}`);
  }
  return { csv: `${lines.join('\n')}\n`, cards };
}
