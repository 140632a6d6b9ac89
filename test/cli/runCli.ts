// Shared by the CLI tests: the BUILT CLI (dist/src/cli/main.js) run in a child process. tsx is not a
// dependency, so the TypeScript sources cannot be run directly; the build is refreshed when it is missing
// or older than any source file.
import { execFile, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const cli = path.join(root, 'dist', 'src', 'cli', 'main.js');
export const eyerissFile = path.join(root, 'hardware', 'eyeriss.json');

function newestSourceMtime(): number {
  let newest = 0;
  for (const dir of ['src', 'bench']) {
    const abs = path.join(root, dir);
    if (!fs.existsSync(abs)) continue;
    for (const rel of fs.readdirSync(abs, { recursive: true }) as string[]) {
      if (rel.endsWith('.ts')) newest = Math.max(newest, fs.statSync(path.join(abs, rel)).mtimeMs);
    }
  }
  return newest;
}

export function ensureBuilt(): void {
  if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestSourceMtime()) {
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    // tsc emits even when it reports type errors; only a missing CLI makes these tests meaningless.
    if (!fs.existsSync(cli)) throw new Error(`build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    if (build.status !== 0) console.warn(`tsc reported errors, testing the emitted CLI anyway:\n${build.stdout}`);
  }
}

export interface RunResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the CLI without blocking, so that independent cases can run concurrently. */
export function run(...args: string[]): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const status = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ status, stdout, stderr });
    });
  });
}

export const where = (r: RunResult) => `exit ${r.status}\nstdout: ${r.stdout}\nstderr: ${r.stderr}`;
