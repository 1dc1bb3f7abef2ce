import { join } from 'node:path';
import { afterAll } from 'vitest';
import { openLocalDirStore } from '../../src/transport/index.js';
import { removeTempDirs, tempDir } from '../support/temp-dirs.js';
import { describeRemoteStore } from './remote-store.contract.js';

afterAll(removeTempDirs);

describeRemoteStore('local folder', () => openLocalDirStore(join(tempDir('kmigrate-ld-'), 'root')));
