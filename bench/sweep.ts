// npm run bench: a 1,000-point analytical sweep of ResNet-50 (10 GLB sizes x 5 array shapes x 4 filter-spad
// sizes x 5 DRAM bandwidths) through the CLI, as a user runs it, on every core; then the time per point against
// a fresh single run of one of its points. Target: under 60 s on 2 cores. Printed, never asserted.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const out = mkdtempSync(path.join(tmpdir(), 'dkm-sweep-bench-'));
const axes = [
  'glb.capacityBytes=32KiB,48KiB,64KiB,96KiB,108KiB,128KiB,192KiB,256KiB,384KiB,512KiB',
  'peArray=12x14,8x8,16x16,12x16,14x12',
  'rf.filterWords=64:512:x2',
  'dram.wordsPerCycle=0.6:9.6:x2',
];

function timed(args: string[]): number {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dkm-sim ${args.join(' ')} failed (exit ${r.status}): ${r.stderr}`);
  return (performance.now() - start) / 1000;
}

try {
  const sweep = timed([
    'sweep',
    '--hw',
    'hardware/eyeriss.json',
    '--model',
    'resnet50',
    ...axes.flatMap((a) => ['--vary', a]),
    '--out',
    out,
    '--quiet',
  ]);
  const rows = readFileSync(path.join(out, 'sweep.jsonl'), 'utf8').trim().split('\n').length;
  const single = timed(['--hw', 'hardware/eyeriss.json', '--model', 'resnet50', '--json', '--out', path.join(out, 'single')]);
  console.log(
    `sweep of ResNet-50, ${rows} points (10 GLB x 5 arrays x 4 filter spads x 5 DRAM bandwidths), ${availableParallelism()} threads: ` +
      `${sweep.toFixed(1)} s wall, ${((sweep / rows) * 1000).toFixed(0)} ms per point   target < 60 s`,
  );
  console.log(
    `a fresh single run of one point (dkm-sim --hw hardware/eyeriss.json --model resnet50): ${single.toFixed(2)} s, ${(single / (sweep / rows)).toFixed(0)}x a sweep point`,
  );
} finally {
  rmSync(out, { recursive: true, force: true });
}
