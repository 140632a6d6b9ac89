// npm run bench: start-up of the CLI, `dkm-sim --help` in a fresh process (the median of 7), which every
// command pays before its work. Heavy modules (mathjs, the charts, piscina) load only where they are used.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../src/cli/main.js', import.meta.url));
const times = Array.from({ length: 7 }, () => {
  const start = performance.now();
  const r = spawnSync(process.execPath, [cli, '--help'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`dkm-sim --help failed (exit ${r.status}): ${r.stderr}`);
  return (performance.now() - start) / 1000;
}).sort((a, b) => a - b);
console.log(
  `dkm-sim --help start-up: ${times[3].toFixed(2)} s median of 7 (${times[0].toFixed(2)}-${times[6].toFixed(2)} s)   target < 0.3 s`,
);
