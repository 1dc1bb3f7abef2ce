/**
 * The texts inside the hand-off kit: the request letter, FINGERPRINT.txt and SFTP.txt.
 * Pure functions of their inputs, so the kit is reproducible.
 * @module
 */

/** Where the processor uploads the export. */
export interface SftpDestination {
  readonly host: string;
  readonly user: string;
  readonly port: number;
  /** Present only when the operator asked for it explicitly. */
  readonly password?: string | undefined;
  /** The server's SSH host key fingerprint (`SHA256:…`, as `kmigrate receive` prints it). */
  readonly hostKey?: string | undefined;
}

/** What the texts mention about the key. */
export interface KitKeyFacts {
  readonly fingerprint: string;
  readonly groupedFingerprint: string;
  readonly userId: string;
  readonly algorithm: string;
  readonly keyFile: string;
}

/** Everything the letter needs. */
export interface LetterFacts {
  readonly merchant: string | undefined;
  readonly key: KitKeyFacts;
  readonly sftp: SftpDestination;
  readonly aocFile: string;
}

/** FINGERPRINT.txt */
export function fingerprintText(key: KitKeyFacts): string {
  return [
    'OpenPGP key for this data transfer',
    '',
    `Fingerprint: ${key.groupedFingerprint}`,
    `            (${key.fingerprint})`,
    `User ID:     ${key.userId}`,
    `Algorithm:   ${key.algorithm}`,
    `Key file:    ${key.keyFile}`,
    '',
    'Before encrypting, import the key and compare its fingerprint with the one above, and confirm',
    'it with us by phone or another channel than the one this kit arrived through:',
    `  gpg --import ${key.keyFile} && gpg --fingerprint ${key.fingerprint}`,
    '',
  ].join('\n');
}

/** SFTP.txt (the password line only when it was explicitly included). */
export function sftpText(sftp: SftpDestination, fingerprint: string): string {
  return [
    'Upload destination (SFTP)',
    '',
    `Host:     ${sftp.host}`,
    `Port:     ${sftp.port}`,
    `User:     ${sftp.user}`,
    `Password: ${sftp.password ?? '(sent to you separately)'}`,
    `Host key: ${sftp.hostKey ?? '(sent to you separately)'}`,
    '',
    'On the first connection, compare the host key fingerprint the SFTP client shows with the one',
    'above (or the one we confirm to you by phone); if they differ, do not connect: someone may be',
    'intercepting the transfer.',
    '',
    `Upload only files encrypted to the OpenPGP key ${fingerprint}.`,
    'Unencrypted files will be deleted on arrival and reported as an incident.',
    '',
  ].join('\n');
}

/** REQUEST-LETTER.txt */
export function requestLetter(facts: LetterFacts): string {
  const who = facts.merchant ? `${facts.merchant}` : 'our company';
  return [
    'Subject: Request to export our customer payment data for migration',
    '',
    'Hello,',
    '',
    `We, ${who}, are moving our subscription billing to a new CRM and ask you to export our`,
    "data as described below. Our new provider's PCI DSS Attestation of Compliance",
    `(${facts.aocFile}) is attached.`,
    '',
    'WHAT TO EXPORT (all records for our account, as CSV with a header row):',
    '  1. Customer vault / stored cards: every stored payment method with the customer ID,',
    '     full card number (PAN), expiry month and year, cardholder name, billing address,',
    '     and ACH account and routing numbers where stored.',
    '  2. Active subscriptions: customer ID, plan or product, price, currency, billing',
    '     interval, status, and the NEXT BILL DATE of each subscription.',
    '  3. Transaction history: every sale, refund, void and chargeback with transaction ID,',
    '     date, amount, currency, status, customer ID and card last 4.',
    '',
    'HOW TO SEND IT:',
    `  - Encrypt every file with OpenPGP to our key ${facts.key.groupedFingerprint}`,
    `    (${facts.key.keyFile}; see FINGERPRINT.txt and verify the fingerprint first).`,
    '    Standard OpenPGP as written by GnuPG 2.2/2.4 is fine, compressed or not.',
    `    Example: gpg --encrypt --trust-model always --recipient ${facts.key.fingerprint} --output vault.csv.gpg vault.csv`,
    '    (--trust-model always: you verified the fingerprint first, so gpg need not ask about trust)',
    `  - Upload the encrypted files by SFTP to ${facts.sftp.host}, port ${facts.sftp.port},`,
    `    user ${facts.sftp.user} (see SFTP.txt)${facts.sftp.hostKey ? `, checking that the server's host key is ${facts.sftp.hostKey}` : ', checking the server host key we confirm to you'}.`,
    '  - Never send card data by e-mail or unencrypted, and delete your local copies after upload.',
    '',
    'Please reply with the number of records in each file so we can confirm a complete transfer.',
    '',
    'Thank you,',
    who,
    '',
  ].join('\n');
}
