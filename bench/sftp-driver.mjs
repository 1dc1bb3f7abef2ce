// One kmigrate transfer in its own process, through the library (dist/transport), for bench/sftp.mjs:
//   node bench/sftp-driver.mjs push|pull PORT HOST_FP KEY REMOTE_DIR LOCAL(FILE|DIR) NAME VERIFY [sidecar]
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

// KMIGRATE_DIST: another build of dist (e.g. a private one while others rebuild the shared dist).
const dist = process.env.KMIGRATE_DIST ?? new URL('../dist', import.meta.url).pathname;
const { fileSource, openSftpStore, pullFiles, pushFiles, remoteSession } = await import(
  pathToFileURL(`${dist}/transport/index.js`).href
);

const [verb, port, fp, key, remoteDir, local, name, verify, sidecar] = process.argv.slice(2);
const session = remoteSession(() =>
  openSftpStore({
    host: '127.0.0.1',
    port: Number(port),
    user: 'root',
    root: remoteDir,
    credentials: { privateKey: readFileSync(key) },
    pins: { fingerprints: [fp], knownHosts: [] },
  }),
);
const options = { verify, resume: false, sidecar: sidecar === 'sidecar' };
const results =
  verb === 'push'
    ? await pushFiles(session, [await fileSource(local)], options)
    : await pullFiles(session, [name], local, options);
await session.drop();
process.stdout.write(`${JSON.stringify(results)}\n`);
