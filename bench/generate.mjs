// Deterministic synthetic data for the benchmarks: a valid Konnektive Transactions file and a
// processor-style source export. Test card numbers only; synthetic people.
import { createWriteStream } from 'node:fs';

/** A synthetic, Luhn-valid 16-digit number on the 411111 test BIN, unique per customer. */
export function syntheticCard(c) {
  const body = `411111${String(c).padStart(9, '0')}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}
const STATES = [
  ['IL', '62701'],
  ['MA', '02139'],
  ['TX', '78701'],
  ['CA', '94105'],
  ['NY', '10001'],
];

/** Write `n` lines from `line(i)` after a header, in ~1 MiB writes with backpressure. */
export async function writeLines(path, header, n, line) {
  const out = createWriteStream(path);
  out.write(`${header}\n`);
  let buf = '';
  for (let i = 0; i < n; i++) {
    buf += `${line(i)}\n`;
    if (buf.length > 1 << 20) {
      if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
      buf = '';
    }
  }
  out.write(buf);
  await new Promise((r) => out.end(r));
}

export const KONNEKTIVE_HEADER =
  'customerId,orderId,dateCreated,campaignId,productId,isActiveRecurring,nextBillDate,paySource,cardNumber,cardExpiryMonth,cardExpiryYear,achRoutingNumber,achAccountNumber,achAccountType,merchantId,merchantTxnId,txnType,subTotal,shippingPrice,salesTax,totalAmount,responseType,responseText,firstName,lastName,address1,address2,city,state,postalCode,country,emailAddress,phoneNumber,billShipSame,shipFirstName,shipLastName,shipAddress1,shipAddress2,shipCity,shipState,shipPostalCode,shipCountry,trackingNumber,externalToken';

/** n rows, 3 rows per customer, valid against the spec. */
export function konnektiveFile(path, n) {
  return writeLines(path, KONNEKTIVE_HEADER, n, (i) => {
    const c = Math.floor(i / 3);
    const [st, zip] = STATES[c % STATES.length];
    const day = String(1 + (i % 28)).padStart(2, '0');
    return `C${c},O${c},2026-03-${day} 10:11:12,12,101,1,2027-01-15,CREDITCARD,${syntheticCard(c)},09,2029,,,,7,TXN${i},SALE,29.95,4.95,0.00,34.90,SUCCESS,SUCCESS,Avery,"Testwood, Jr",${c} Example Ave,,Springfield,${st},${zip},US,avery${c}@example.com,555${String(2000000 + (c % 8000000)).padStart(7, '0')},1,,,,,,,,,,tok_${c}`;
  });
}

export const SOURCE_HEADER =
  'Customer ID,Order ID,Transaction ID,Created,Plan,Gateway,Status,Type,Amount,Card Number,Card Expiry,Name,Address,City,State,Zip,Country,Email,Phone,Subscription,Next Bill';

/** `Created` of row i: 420 distinct values in turn (the default), or a distinct minute per row. */
function created(i, distinct) {
  if (!distinct) {
    return `${1 + (i % 12)}/${1 + (i % 28)}/2026 ${1 + (i % 12)}:${String(i % 60).padStart(2, '0')} ${i % 2 ? 'PM' : 'AM'}`;
  }
  const t = new Date(Date.UTC(2024, 0, 1) + i * 60_000);
  const h = t.getUTCHours();
  return `${t.getUTCMonth() + 1}/${t.getUTCDate()}/${t.getUTCFullYear()} ${h % 12 === 0 ? 12 : h % 12}:${String(t.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
}

/**
 * `Address` of customer c: its own (the default), or with `repeating` one of 10,000 values that
 * come back across the whole file, every other customer one of five fixed ones (so the build's
 * memo of the column stays on and keeps values from all over the file).
 */
function address(c, repeating) {
  if (!repeating) return `${c} Example Ave`;
  return c % 2 === 0
    ? `${Math.floor(c / 33) % 10_000} Example Avenue North`
    : `${c % 5} Fixed Example Avenue`;
}

/**
 * n rows of a processor-style export (needs the bench migration.yaml). With `distinctTimes`,
 * every row has its own `Created` minute (as real exports do) instead of 420 values in turn; with
 * `repeatingAddresses`, addresses repeat across the file (see {@link address}).
 */
export function sourceFile(path, n, { distinctTimes = false, repeatingAddresses = false } = {}) {
  const states = ['Illinois', 'MA', 'Texas', 'CA', 'New York'];
  return writeLines(path, SOURCE_HEADER, n, (i) => {
    const c = Math.floor(i / 3);
    return `CUST-${c},${5000 + c},ch_${i},${created(i, distinctTimes)},${i % 2 ? 'Gold Monthly' : 'Silver Monthly'},Stripe US,approved,sale,$29.95,${syntheticCard(c)},09/29,Avery Testwood,${address(c, repeatingAddresses)},Springfield,${states[c % 5]},${String(10000 + (c % 89999))},United States,Avery${c}@Example.COM,(${String(200 + (Math.floor(c / 10000_000) % 700))}) ${String(200 + (Math.floor(c / 10000) % 800))}-${String(c % 10000).padStart(4, '0')},Active,01/15/2027`;
  });
}
