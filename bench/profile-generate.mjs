// Generate a Stripe-payments-shaped CSV of about SIZE_MB megabytes (default 1024) for the profile
// benchmark: synthetic people, public test card numbers only.
// Usage: node bench/profile-generate.mjs OUT.csv [SIZE_MB]
import { createWriteStream } from 'node:fs';

const out = process.argv[2] ?? 'bench/out/profile-1g.csv';
const target = Number(process.argv[3] ?? 1024) * 1024 * 1024;
const header =
  'id,Description,Created (UTC),Amount,Amount Refunded,Currency,Fee,Tax,Status,Customer ID,Customer Email,Card ID,Card Last4,Card Brand,Card Exp Month,Card Exp Year,Card Name,Card Address Line1,Card Address Line2,Card Address City,Card Address State,Card Address Country,Card Address Zip,Card Fingerprint,Invoice ID,Payment Source Type,Phone,Plan,Merchant Account,Card Number';
const first = ['Ada', 'Bob', 'Cy', 'Dee', 'Eve', 'Finn', 'Gus', 'Hal', 'Ivy', 'Jo'];
const last = ['Lovelace', 'Stone', 'Young', 'Park', 'Ng', 'Ito', 'Oh', 'Wu', 'Diaz', 'Moe'];
const cities = [
  ['Austin', 'TX', '73301'],
  ['Boston', 'MA', '02139'],
  ['Denver', 'CO', '80202'],
  ['Miami', 'FL', '33139'],
];
const pans = [
  '4111111111111111',
  '5555555555554444',
  '378282246310005',
  '6011111111111117',
  '4012888888881881',
];
const statuses = ['paid', 'paid', 'paid', 'failed', 'refunded'];
const plans = ['Gold Monthly', 'Silver Monthly', 'Trial Kit'];
const mids = ['Stripe US', 'NMI Backup'];
const stream = createWriteStream(out);
let written = 0;
let i = 0;
function row(n) {
  const c = cities[n % 4];
  const f = first[n % 10];
  const l = last[(n >> 3) % 10];
  const cust = `cus_${(n % 250000).toString(36).padStart(8, '0')}`;
  const day = String((n % 28) + 1).padStart(2, '0');
  const month = String((n % 12) + 1).padStart(2, '0');
  return `ch_${n.toString(36).padStart(10, '0')},Order ${n},2024-${month}-${day} ${String(n % 24).padStart(2, '0')}:15,${((n % 9000) / 100 + 1).toFixed(2)},0.00,usd,0.59,0.00,${statuses[n % 5]},${cust},${f.toLowerCase()}.${l.toLowerCase()}${n % 250000}@example.com,card_${(n % 250000).toString(36)},1111,Visa,${(n % 12) + 1},${2026 + (n % 5)},${f} ${l},${n % 999} Main St,,${c[0]},${c[1]},US,${c[2]},fp_${(n % 250000).toString(36)},in_${n.toString(36)},card,(512) 555-${String(n % 10000).padStart(4, '0')},${plans[n % 3]},${mids[n % 2]},${pans[n % 5]}\n`;
}
function write() {
  let ok = true;
  while (ok && written < target) {
    let chunk = '';
    for (let k = 0; k < 2000; k++) chunk += row(i++);
    written += Buffer.byteLength(chunk);
    ok = stream.write(chunk);
  }
  if (written < target) stream.once('drain', write);
  else stream.end(() => console.log(JSON.stringify({ out, rows: i, bytes: written })));
}
stream.write(`${header}\n`);
write();
