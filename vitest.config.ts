import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/globalSetup.ts'],
    testTimeout: 60_000,
    // Every core: vitest's default leaves one idle, and on a 2-core machine that ran the suite on one worker
    // (102 s wall against 77 s on two; much of the suite waits on child processes and pool threads).
    maxWorkers: os.availableParallelism(),
  },
});
