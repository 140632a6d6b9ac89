#!/usr/bin/env node
// The dkm-sim executable: the commands are in program.ts, which tests also run in-process. A failed run exits
// at once with its code (2: bad input, 1: a bug), whatever worker threads are still winding down; a run that
// succeeds ends when its work does.
import { hideBin } from 'yargs/helpers';
import { runCli } from './program.js';

const code = await runCli(hideBin(process.argv));
if (code !== 0) process.exit(code);
