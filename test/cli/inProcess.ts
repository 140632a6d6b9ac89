// The CLI run in this process (program.ts's runCli): the same parsing, checks, messages and exit codes as the
// built executable, without a Node start-up and module load per case. For tests of what a command says and
// writes; the process contract (the real executable's exit status and stderr) keeps a few subprocess cases per
// command (runCli.ts). Runs one at a time: it captures this process's stdout and stderr.
import { vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import type { RunResult } from './runCli.js';

let running = false;

export async function runHere(...args: string[]): Promise<RunResult> {
  if (running) throw new Error('runHere: one in-process run at a time (it captures process.stdout and stderr)');
  running = true;
  const out: string[] = [];
  const err: string[] = [];
  const into =
    (sink: string[]) =>
    (chunk: string | Uint8Array): boolean => {
      sink.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    };
  const stdout = vi.spyOn(process.stdout, 'write').mockImplementation(into(out));
  const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(into(err));
  try {
    const status = await runCli(args);
    return { status, stdout: out.join(''), stderr: err.join('') };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
    running = false;
  }
}

/** Several in-process runs, one after the other (runHere's captures cannot overlap). */
export async function runAllHere(...cases: readonly (readonly string[])[]): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const args of cases) results.push(await runHere(...args));
  return results;
}
