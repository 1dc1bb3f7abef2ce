#!/usr/bin/env node
import { exitCleanlyOnSignals, run } from '../dist/cli/main.js';

const argv = process.argv.slice(2);
exitCleanlyOnSignals(argv, (code) => process.exit(code));
process.exitCode = await run(argv);
