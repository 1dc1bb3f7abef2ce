/**
 * `kmigrate scan`: the repository holds no card number other than published test numbers, and
 * the scanner finds planted ones (also with spaces/dashes, in binary files and ACH columns).
 */
import { describe, expect, it } from 'vitest';
import { kmigrate, ROOT, tempDir } from '../support/cli.js';

const NOT_REPOSITORY = ['dist', 'bench/out', 'scratch', 'demo-out', '.tmp'];

describe('scan', () => {
  it('the repository (git-ignored output folders excluded) has no card number but published test ones', () => {
    const r = kmigrate(
      [
        'scan',
        ROOT,
        '--allow-test-pans',
        '--format',
        'json',
        ...NOT_REPOSITORY.flatMap((e) => ['--exclude', e]),
      ],
      {
        timeoutMs: 60_000,
      },
    );
    const report = JSON.parse(r.stdout) as {
      findings: { code: string; file: string; line: number; masked: string }[];
    };
    // Fixtures carry fake bank-account columns on purpose (profile tests): only card numbers count here.
    const cards = report.findings.filter((f) => f.code === 'SCAN_PAN_FOUND');
    expect(cards.map((f) => `${f.file}:${f.line} ${f.masked}`)).toEqual([]);
  });

  it('a file without a header row: the card number in the first row is masked as a column name too (scan, profile)', () => {
    const t = tempDir({ 'nohdr.csv': '378282246310005,foo\n4111111111111111,bar\n' });
    const scan = kmigrate(['scan', `${t.dir}/nohdr.csv`, '--format', 'json']);
    const profile = kmigrate(['profile', `${t.dir}/nohdr.csv`]);
    const profileJson = kmigrate(['profile', `${t.dir}/nohdr.csv`, '--format', 'json']);
    t.cleanup();
    expect(scan.code).toBe(1);
    for (const out of [scan.stdout, profile.stdout, profileJson.stdout, scan.stderr, profile.stderr])
      expect(out).not.toMatch(/378282246310005|4111111111111111/);
    expect(scan.stdout).toContain('"column":"378282*****0005"');
    expect(profile.stdout).toContain('CSV_HEADER_CARD_NUMBER');
  });

  it('a file the time cap cut short is not proven clean: exit 1; --max-seconds must be a number > 0', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `${i},hello world ${i}`).join('\n');
    const t = tempDir({ 'big.csv': `id,note\n${lines}\nx,4111111111111111\n` });
    const cut = kmigrate(['scan', `${t.dir}/big.csv`, '--max-seconds', '0.001']);
    const bad = kmigrate(['scan', `${t.dir}/big.csv`, '--max-seconds', 'abc']);
    t.cleanup();
    expect(cut.stdout).toContain('SCAN_FILE_TRUNCATED');
    expect(cut.stdout).toContain('not proven clean');
    expect(cut.code).toBe(1);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^kmigrate: USAGE: option '--max-seconds <n>'/);
  });

  it('finds planted cards and unmasked accounts, masked, with file, line and CSV column; exit 1', () => {
    const { dir, cleanup } = tempDir({
      'export.csv': 'id,card,check_account\n1,tok_x,****1234\n2,"4111 1111 1111 1111",12345678\n',
      'notes.txt': 'call me\ncard 5555-5555-5555-4444 thanks\n',
      'blob.bin': Buffer.concat([
        Buffer.from([0, 1, 2, 255]),
        Buffer.from('378282246310005'),
        Buffer.from([0]),
      ]),
    });
    try {
      const r = kmigrate(['scan', dir]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain('export.csv:3:4: SCAN_PAN_FOUND 411111******1111 (column card)');
      expect(r.stdout).toContain('export.csv:3:1: SCAN_ACH_ACCOUNT_FOUND ****5678 (column check_account)');
      expect(r.stdout).toContain('notes.txt:2:6: SCAN_PAN_FOUND 555555******4444');
      expect(r.stdout).toContain('blob.bin:1:5: SCAN_PAN_FOUND 378282*****0005');
      expect(r.stdout + r.stderr).not.toMatch(/4111111111111111|5555555555554444|378282246310005|12345678/);
      expect(kmigrate(['scan', dir, '--allow-test-pans']).stdout).toContain('1 finding(s)');
    } finally {
      cleanup();
    }
  });
});
