#!/usr/bin/env node
import { dropOutputToClosedPipes, exitCleanlyOnSignals, run } from '../dist/cli/main.js';

const argv = process.argv.slice(2);
exitCleanlyOnSignals(argv, (code) => process.exit(code));
dropOutputToClosedPipes();
process.exitCode = await run(argv);
