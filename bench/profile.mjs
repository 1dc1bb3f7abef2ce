// Time `kmigrate profile` on a file and report throughput and peak memory.
// Usage: node bench/profile-generate.mjs bench/out/profile-1g.csv 1024 && node bench/profile.mjs bench/out/profile-1g.csv
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';

const file = process.argv[2] ?? 'bench/out/profile-1g.csv';
const started = performance.now();
const r = spawnSync(
  '/usr/bin/time',
  ['-f', '%M', process.execPath, 'bin/kmigrate.js', 'profile', '--format', 'json', file],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
const seconds = (performance.now() - started) / 1000;
const peakMb = Math.round(Number(r.stderr.trim().split('\n').at(-1)) / 1024);
const profile = JSON.parse(r.stdout).files[0];
const mb = statSync(file).size / 1e6;
console.log(
  JSON.stringify({
    file,
    mb: Math.round(mb),
    records: profile.records,
    seconds: Math.round(seconds * 10) / 10,
    mbPerSecond: Math.round(mb / seconds),
    rowsPerSecond: Math.round(profile.records / seconds),
    peakMb,
    exit: r.status,
  }),
);
