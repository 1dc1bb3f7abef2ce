// Raw read speed of kmigrate's CSV door (records with line numbers) on a file.
import { openCsv } from '../dist/csv/index.js';

const reader = await openCsv(process.argv[2]);
let rows = 0;
for await (const _ of reader) rows++;
console.log(JSON.stringify({ rows }));
