// Shared by the CLI tests: the BUILT CLI (dist/src/cli/main.js) run in a child process. tsx is not a
// dependency, so the TypeScript sources cannot be run directly; test/globalSetup.ts refreshes the build.
import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
export const eyerissFile = path.join(root, 'hardware', 'eyeriss.json');

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking, so that independent cases can run concurrently. */
export const run = (...args: string[]): Promise<RunResult> => runWithin(120_000, ...args);

/** The same, killed after `timeoutMs` (status null then): for cases that must answer at once, not hang. */
export function runWithin(timeoutMs: number, ...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cli, ...args],
      { cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20 },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}

export const where = (r: RunResult) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
