/** The RemoteStore contract over SFTP against the real OpenSSH sshd and against `receive`. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll } from 'vitest';
import { openSftpStore } from '../../../src/transport/index.js';
import { describeRemoteStore } from '../../contracts/remote-store.contract.js';
import { type Intake, startIntake } from './intake-fixture.js';
import { type Sshd, startSshd } from './sshd-fixture.js';

let sshd: Sshd;
let intake: Intake;
beforeAll(async () => {
  [sshd, intake] = await Promise.all([startSshd(), startIntake()]);
});
afterAll(async () => {
  await Promise.all([sshd?.stop(), intake?.stop()]);
});

describeRemoteStore('OpenSSH sshd', () =>
  openSftpStore({
    host: '127.0.0.1',
    port: sshd.port,
    user: 'root',
    root: `${sshd.dir}/store`,
    credentials: { privateKey: readFileSync(sshd.userKey) },
    pins: { fingerprints: [sshd.hostFingerprint], knownHosts: [] },
  }).then(async (s) => {
    await s.mkdir('');
    return s;
  }),
);

describeRemoteStore('kmigrate receive (read-write account)', () =>
  openSftpStore({
    host: '127.0.0.1',
    port: intake.server.port,
    user: 'ops',
    root: '/',
    credentials: { privateKey: readFileSync(intake.userKey) },
    pins: { fingerprints: [intake.server.fingerprint], knownHosts: [] },
  }),
);
