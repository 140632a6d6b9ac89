// Once before all tests: build dist/ when it is missing or older than any source. The CLI tests run the built
// CLI in a child process, and the worker pool runs compiled JavaScript on its threads (tsx is not a
// dependency, so the TypeScript sources cannot run there); one build here, rather than one per test file,
// also keeps concurrent test files from running tsc over each other.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { cli, root } from './cli/runCli.js';

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

export default function ensureBuilt(): void {
  if (!fs.existsSync(cli) || fs.statSync(cli).mtimeMs < newestSourceMtime()) {
    const build = spawnSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, encoding: 'utf8' });
    // tsc emits even when it reports type errors; only a missing CLI makes these tests meaningless.
    if (!fs.existsSync(cli)) throw new Error(`build failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    if (build.status !== 0) console.warn(`tsc reported errors, testing the emitted CLI anyway:\n${build.stdout}`);
  }
}
