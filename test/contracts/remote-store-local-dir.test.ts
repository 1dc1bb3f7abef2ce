import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openLocalDirStore } from '../../src/transport/index.js';
import { describeRemoteStore } from './remote-store.contract.js';

describeRemoteStore('local folder', () =>
  openLocalDirStore(join(mkdtempSync(join(tmpdir(), 'kmigrate-ld-')), 'root')),
);
