// Raw read speed of the CSV door's range batches (field boundaries, no substrings) on a file.
import { openCsv } from '../dist/csv/index.js';

const reader = await openCsv(process.argv[2]);
let rows = 0;
let slow = 0;
for await (const batch of reader.rangeBatches()) {
  rows += batch.count;
  for (const r of batch.records) if (r !== null) slow++;
}
console.log(JSON.stringify({ rows, slow }));
