/**
 * Splitting a line that ends like the line before. Exports list a customer's rows together, and
 * the columns after the first few (name, address, card, email, …) repeat from row to row. After
 * {@link TAIL_WARM_ROWS} lines the splitter picks the number of leading fields `head` that change
 * and, for each later line, compares the text after its `head`-th delimiter with the previous
 * line's in one native compare: when equal, only the head is split and the previous line's tail
 * fields (the same string objects) complete the record, so the field strings are not created
 * again and every later `===` on them is an identity test. The fields are the same as a plain
 * `split` (a line here holds no quote); only their objects are shared.
 * @module
 */

/** Lines observed before the head is chosen. */
export const TAIL_WARM_ROWS = 256;
/** Fields a line must save on average (over the warm lines) for the tail to be kept. */
const MIN_SAVED_FIELDS = 2;

/** Splits quote-free lines by a delimiter, reusing a repeated tail's fields (see the module comment). */
export class RepeatedTail {
  readonly #d: string;
  /** Fields before the tail; 0 while learning or when off. */
  #head = 0;
  #learning = true;
  #seen = 0;
  /** Warm lines by (index of the last field that differed from the line before) + 1. */
  #lastChanged: Uint32Array | null = null;
  #previous: readonly string[] = [];
  /** The text after the last split line's `head`-th delimiter, and that line's fields. */
  #tail: string | null = null;
  #last: string[] = [];
  /** The positions of the head's delimiters in the line being split. */
  #cuts = new Int32Array(0);
  /** Fields of the first line (the expected width). */
  #width = 0;
  /** Lines whose tail fields were reused. */
  reused = 0;

  constructor(delimiter: string) {
    this.#d = delimiter;
  }

  /** The fields of `text[pos, nl)`, a line without a quote. */
  split(text: string, pos: number, nl: number): string[] {
    if (this.#head > 0) return this.#splitAfterHead(text, pos, nl);
    const fields = splitFields(text, pos, nl, this.#d, this.#width);
    if (this.#learning) this.#learn(fields);
    return fields;
  }

  #splitAfterHead(text: string, pos: number, nl: number): string[] {
    const d = this.#d;
    const head = this.#head;
    const cuts = this.#cuts;
    let from = pos;
    for (let j = 0; j < head; j++) {
      const p = text.indexOf(d, from);
      // fewer fields than the head: an ordinary split (the stored tail stays)
      if (p < 0 || p >= nl) return splitFields(text, pos, nl, d, this.#width);
      cuts[j] = p;
      from = p + d.length;
    }
    const tail = this.#tail;
    if (tail !== null && nl - from === tail.length && text.slice(from, nl) === tail) {
      this.reused++;
      const fields = this.#last.slice();
      let start = pos;
      for (let j = 0; j < head; j++) {
        const p = cuts[j]!;
        fields[j] = text.slice(start, p);
        start = p + d.length;
      }
      return fields;
    }
    const fields = splitFields(text, pos, nl, d, this.#width);
    this.#tail = text.slice(from, nl);
    // a copy: the caller may change the array it was given
    this.#last = fields.slice();
    return fields;
  }

  /** Record which fields changed from the line before; choose the head after the warm lines. */
  #learn(fields: readonly string[]): void {
    const previous = this.#previous;
    let counts = this.#lastChanged;
    if (counts === null) {
      this.#width = fields.length;
      counts = new Uint32Array(fields.length + 1);
      this.#lastChanged = counts;
    }
    let last = Math.max(fields.length, previous.length) - 1;
    if (fields.length === previous.length) while (last >= 0 && fields[last] === previous[last]) last--;
    counts[Math.min(last + 1, counts.length - 1)]!++;
    // a copy: the caller may change the array it was given
    this.#previous = fields.slice();
    if (++this.#seen >= TAIL_WARM_ROWS) this.#choose(counts);
  }

  /** The head that saves the most fields over the warm lines (0 when too few are saved). */
  #choose(counts: Uint32Array): void {
    this.#learning = false;
    this.#previous = [];
    this.#lastChanged = null;
    const width = counts.length - 1;
    let best = 0;
    let bestSaved = MIN_SAVED_FIELDS * this.#seen;
    // lines whose fields from `head` on all repeat the line before: those with last + 1 <= head
    let repeating = 0;
    for (let head = 1; head < width; head++) {
      repeating += counts[head]! + (head === 1 ? counts[0]! : 0);
      const saved = repeating * (width - head);
      if (saved > bestSaved) {
        best = head;
        bestSaved = saved;
      }
    }
    this.#head = best;
    this.#cuts = new Int32Array(best);
  }
}

/**
 * `text.slice(pos, nl).split(d)`, cut by `indexOf` (`width`: the expected number of fields): the
 * native split goes through the runtime and costs more than the slices it makes.
 */
export function splitFields(text: string, pos: number, nl: number, d: string, width: number): string[] {
  if (d.length === 0) return text.slice(pos, nl).split(d);
  const fields = new Array<string>(width);
  let n = 0;
  let from = pos;
  for (;;) {
    const p = text.indexOf(d, from);
    if (p < 0 || p >= nl) break;
    fields[n++] = text.slice(from, p);
    from = p + d.length;
  }
  fields[n++] = text.slice(from, nl);
  if (n !== width) fields.length = n;
  return fields;
}
