// Bad input as users and testers meet it (issue 10): options, hardware, model, mapping and weights files,
// output folders. Every case exits with 2 and one message that names the culprit (the option, or the file and
// its JSON path), prints nothing to stdout, writes nothing and leaves nothing behind. The cases run in-process
// (the same runCli as the executable); the last describe holds the process contract with the built CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAs } from '../jsonValue.js';
import { runHere } from './inProcess.js';
import type { HardwareJson } from './jsonFiles.js';
import { run, runWithin, where } from './runCli.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-bad-input-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const inputs = path.join(tmp, 'inputs');
const outs = path.join(tmp, 'outs');
fs.mkdirSync(inputs);
fs.mkdirSync(outs);

const write = (name: string, text: string): string => {
  const file = path.join(inputs, name);
  fs.writeFileSync(file, text);
  return file;
};
const eyeriss = fs.readFileSync('hardware/eyeriss.json', 'utf8');
const chip = (name: string, edit: (j: HardwareJson) => void): string => {
  const j = parseAs<HardwareJson>(eyeriss);
  edit(j);
  return write(name, JSON.stringify(j, null, 2));
};
const layer = { name: 'c1', C: 3, M: 8, H: 8, W: 8, R: 3, S: 3 };

const HW = ['--hw', 'hardware/eyeriss.json'];
const LENET = ['--model', 'lenet5'];
const CONV2 = [...HW, ...LENET, '--layer', 'conv2'];

// Inputs, written once.
const huge = chip('huge-rows.json', (j) => {
  j.peArray.rows = 1e308;
});
const dramEnergy = chip('dram-energy.json', (j) => {
  j.energy.dram = 1e308;
});
const slowLink = chip('slow-link.json', (j) => {
  j.dram.wordsPerCycle = 1e-300;
});
const twice = write('twice.json', eyeriss.replace('"clockMHz": 200,', '"clockMHz": 200,\n  "clockMHz": 1000,'));
const hwSyntax = write('hw-syntax.json', eyeriss.replace('"wordBits": 16,', '"wordBits": 16'));
const bigModel = write('big-model.json', JSON.stringify({ name: 'big', layers: [{ ...layer, C: 1e9, M: 1e9 }] }));
const modelSyntax = write('model-syntax.json', '{\n  "name": "m",\n  "layers": [{"name": "c1" "C": 3}]\n}');
const modelTypo = write('model-typo.json', JSON.stringify({ name: 'm', layers: [{ ...layer, strides: 2 }] }));
const illegal = write('illegal-mapping.json', JSON.stringify({ e: 8, r: 1, t: 1, p: 30, q: 1, n: 1 }));
const mappingSyntax = write('mapping-syntax.json', '{"e": 8, "r": 1,\n "t": 1,, "p": 2}');
const mappingOrder = write('mapping-order.json', JSON.stringify({ e: 8, r: 1, t: 1, p: 2, q: 1, n: 1, dramOrder: ['N', 'N', 'C', 'E'] }));
const weightsSyntax = write('weights.json', '{"format": "dkm-sim-weights", "version": 1,\n  "layers": [}');
const weightsUnknown = write('weights-unknown.json', JSON.stringify({ name: 'lenet5', layers: [] }));
const aFile = write('a-file.txt', 'not a folder');

/** [what, the arguments (without --out unless the case is about it), the message's start after "dkm-sim: "]. */
const cases: [string, string[], string][] = [
  // Options: echo what was typed, require a value, refuse what would be ignored or clamped.
  ['--batch without a value', [...HW, ...LENET, '--batch'], '--batch needs a value'],
  ['--batch abc', [...HW, ...LENET, '--batch', 'abc'], '--batch must be an integer from 1 to 4096, got abc'],
  ['--batch 1e20 (aborted V8)', [...HW, ...LENET, '--batch', '1e20'], '--batch must be an integer from 1 to 4096, got 1e20'],
  [
    '--batch 10000000000 (ran for minutes)',
    [...HW, ...LENET, '--batch', '10000000000'],
    '--batch must be an integer from 1 to 4096, got 10000000000',
  ],
  ['--batch twice', [...HW, ...LENET, '--batch', '2', '--batch', '3'], '--batch is given 2 times (2, 3); give it once'],
  [
    '--search-limit -1',
    [...HW, ...LENET, '--search-limit', '-1'],
    '--search-limit must be a non-negative integer (0 = exhaustive), got -1',
  ],
  ['--refine 65', [...HW, ...LENET, '--refine', '65'], '--refine must be an integer from 1 to 64 (1 = the analytical choice), got 65'],
  [
    '--seed without --functional',
    [...HW, ...LENET, '--seed', '3'],
    "--seed is the seed of --functional's values: add --functional, or drop --seed",
  ],
  ['--cluster-rate abc', [...HW, ...LENET, '--compress', 'dkm', '--cluster-rate', 'abc'], '--cluster-rate must be a number, got abc'],
  [
    'a negative K (-k -3,4 said "Unknown argument: 3")',
    [...HW, ...LENET, '--compress', 'dkm', '-k', '-3,4'],
    '--k "-3,4": expected positive integers',
  ],
  [
    "a K above the layer's rows (was clamped)",
    [...HW, ...LENET, '--compress', 'dkm', '-k', '4,100000'],
    '--k: conv layer conv2 has 5000 filter rows, so its K must be from 1 to 5000 (5000 leaves it unshared), got 100000',
  ],
  [
    'a K above the rows in dkm-sim compress',
    ['compress', ...LENET, '--k', '101,8'],
    '--k: conv layer conv1 has 100 filter rows, so its K must be from 1 to 100 (100 leaves it unshared), got 101',
  ],
  ['a command typo', ['compres', ...LENET], 'unknown command "compres"; did you mean compress? The commands are'],
  ['--word-bits 65', ['compress', ...LENET, '--k', '8,44', '--word-bits', '65'], '--word-bits must be an integer from 1 to 64, got 65'],
  [
    'sweep --threads 0',
    ['sweep', ...HW, ...LENET, '--vary', 'peArray=8x8', '--threads', '0'],
    '--threads must be an integer from 1 to 256, got 0',
  ],
  // Hardware files: the file, the JSON path, what is expected.
  [
    'peArray.rows 1e308',
    ['--hw', huge, ...LENET],
    `${huge}: peArray.rows: expected a whole number of PE rows from 1 to 4096 (e.g. 12), got 1e+308`,
  ],
  [
    'energy.dram 1e308 (an internal error)',
    ['--hw', dramEnergy, ...LENET],
    `${dramEnergy}: energy.dram: expected energies per access small enough`,
  ],
  [
    'dram.wordsPerCycle 1e-300 (a 300-digit cell)',
    ['--hw', slowLink, ...LENET],
    `${slowLink}: dram.wordsPerCycle: expected a bandwidth large enough`,
  ],
  ['a key written twice', ['--hw', twice, ...LENET], `${twice}: clockMHz: expected each key once in its object`],
  ['a hardware file syntax error', ['--hw', hwSyntax, ...LENET], `${hwSyntax}: $: expected valid JSON`],
  // Model files.
  [
    'a model with C = M = 1e9 (counts beyond 2^53)',
    [...HW, '--model', bigModel],
    `${bigModel}: layers[0].C: expected a positive integer up to 1048576, got 1000000000`,
  ],
  ['a model file syntax error, with line and column', [...HW, '--model', modelSyntax], `${modelSyntax}: $: expected valid JSON`],
  ['a misspelt model field', [...HW, '--model', modelTypo], `${modelTypo}: layers[0].strides: unknown key; did you mean stride?`],
  // Mapping files: named also when legal JSON does not fit the layer.
  [
    'an illegal mapping',
    [...CONV2, '--mapping', illegal],
    `${illegal}: $: expected a mapping legal for layer "conv2" on the hardware in hardware/eyeriss.json`,
  ],
  ['a mapping file syntax error', [...CONV2, '--mapping', mappingSyntax], `${mappingSyntax}: $: expected valid JSON`],
  [
    'a mapping order naming N twice',
    [...CONV2, '--mapping', mappingOrder],
    `${mappingOrder}: dramOrder: expected each of "N", "M", "C", "E" exactly once, got`,
  ],
  // Weights files.
  [
    'a weights file syntax error',
    [...HW, ...LENET, '--compress', 'dkm', '--cluster-rate', '0.1', '--weights', weightsSyntax],
    `${weightsSyntax}: $: expected valid JSON`,
  ],
  [
    'a weights file of no known format',
    [...HW, ...LENET, '--compress', 'dkm', '--cluster-rate', '0.1', '--weights', weightsUnknown],
    `${weightsUnknown}: $: expected a dkm-sim weights header`,
  ],
  // Output folders.
  ['--out naming a file', [...HW, ...LENET, '--out', aFile], `--out ${JSON.stringify(aFile)}: is not a folder`],
  [
    '--out through a file',
    [...HW, ...LENET, '--out', path.join(aFile, 'run')],
    `--out ${JSON.stringify(path.join(aFile, 'run'))}: ${aFile} is a file`,
  ],
  ['--out ""', [...HW, ...LENET, '--out', ''], '--out "": an empty path'],
];

const linesOf = (stderr: string) => stderr.split('\n').filter((l) => l !== '');

describe('bad input exits 2 with one message naming the culprit, and writes nothing', () => {
  cases.forEach(([what, args, start], i) => {
    it(what, async () => {
      const out = path.join(outs, `case-${i}`);
      const r = await runHere(...args, ...(args.includes('--out') ? [] : ['--out', out]));
      expect(r.status, where(r)).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.startsWith(`dkm-sim: ${start}`), r.stderr).toBe(true);
      // One message: a usage error adds the pointer to --help; a file's several problems are one line each.
      expect(linesOf(r.stderr).filter((l) => l.startsWith('dkm-sim: '))).toHaveLength(1);
      expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
      // Nothing written and nothing left over (no output folder, no probe or temporary files beside it).
      expect(fs.readdirSync(outs)).toEqual([]);
      expect(fs.readFileSync(aFile, 'utf8')).toBe('not a folder');
    });
  });
});

/** Every file of a folder and its bytes. */
const snapshot = (dir: string): Record<string, string> =>
  Object.fromEntries(
    fs
      .readdirSync(dir)
      .sort()
      .map((f) => [f, fs.readFileSync(path.join(dir, f), 'base64')]),
  );

describe('a reused output folder', () => {
  it("keeps the previous run's files byte for byte when a run with bad input names it, even after all its work", async () => {
    const out = path.join(tmp, 'reused');
    const ok = await runHere(...HW, ...LENET, '--out', out);
    expect(ok.status, where(ok)).toBe(0);
    const before = snapshot(out);
    expect(Object.keys(before)).toEqual(['.dkm-sim-files.json', 'energy.svg', 'layers.csv', 'summary.json']);
    // Refused while parsing, while loading, and (energy.dram) only once the run's figures are assembled.
    for (const args of [
      ['--batch', 'abc', ...HW],
      ['--hw', bigModel],
      ['--hw', dramEnergy],
    ]) {
      const r = await runHere(...LENET, ...args, '--out', out);
      expect(r.status, where(r)).toBe(2);
      expect(snapshot(out)).toEqual(before);
    }
  });
});

describe('the process contract of the built CLI', () => {
  it('exits 2 with the message and the pointer to --help on stderr, nothing on stdout', async () => {
    const [usage, file] = await Promise.all([
      run(...HW, ...LENET, '--batch', 'abc', '--out', path.join(outs, 'p1')),
      run('--hw', huge, ...LENET, '--out', path.join(outs, 'p2')),
    ]);
    expect(usage.status, where(usage)).toBe(2);
    expect(usage.stderr).toBe('dkm-sim: --batch must be an integer from 1 to 4096, got abc\nRun dkm-sim --help for the options.\n');
    expect(usage.stdout).toBe('');
    expect(file.status, where(file)).toBe(2);
    expect(file.stderr).toBe(`dkm-sim: ${huge}: peArray.rows: expected a whole number of PE rows from 1 to 4096 (e.g. 12), got 1e+308\n`);
    expect(fs.readdirSync(outs)).toEqual([]);
  });

  it('answers an --out under /proc at once instead of hanging', async () => {
    const r = await runWithin(15_000, ...HW, ...LENET, '--out', '/proc/dkm-sim-out/run');
    expect(r.status, where(r)).toBe(2); // null: killed at the timeout
    expect(r.stderr).toMatch(/^dkm-sim: --out "\/proc\/dkm-sim-out\/run": cannot create files in \/proc /);
  });
});
