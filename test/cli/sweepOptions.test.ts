// `dkm-sim sweep` options: every --vary form as a user writes it, through the built CLI, and every bad value of
// --vary, --shard, --objectives and --weights refused before any work: exit 2, one message that names the
// option, nothing on stdout, and no output folder.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, type ExpectStatic } from 'vitest';
import { OptionError } from '../../src/cli/optionError.js';
import type { SweepManifest } from '../../src/explore/manifest.js';
import { VaryError } from '../../src/explore/vary.js';
import { readJson } from '../jsonValue.js';
import { runHere } from './inProcess.js';
import { run, where } from './runCli.js';
import { sweep, sweepRows, writePlainHardware, type SweepCall } from './sweepFolders.js';

let tmp: string;
/** eyeriss.json without expressions and without an area section (see writePlainHardware). */
let plainFile: string;
/** Stands for plainFile in the table (written once the folder exists). */
const PLAIN = '<eyeriss.json as plain numbers, no area section>';

beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-sweep-options-'));
  plainFile = writePlainHardware(tmp);
});

afterAll(() => {
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
});

describe('every --vary form, through the CLI', () => {
  it('lists, ranges with and without units, expressions, array shapes and cluster rates make the cross product, last axis fastest', async () => {
    const out = path.join(tmp, 'forms');
    const r = await run(
      'sweep',
      '--hw',
      'hardware/eyeriss.json',
      '--model',
      'lenet5',
      '--quiet',
      '--threads',
      '1',
      '--out',
      out,
      '--vary',
      'glb.capacityBytes=32KiB:64KiB:x2',
      '--vary',
      'noc.wordsPerCycle.ifmap=2:4:+2',
      '--vary',
      'peArray=12x14,16X16',
      '--vary',
      'dram.wordsPerCycle=1.2,8 * 60 / clockMHz',
      '--vary',
      'compress.clusterRate=0.5',
    );
    expect(r.status, where(r)).toBe(0);
    const manifest = readJson<SweepManifest>(path.join(out, 'sweep.json'));
    expect(manifest.axes).toEqual([
      { path: 'glb.capacityBytes', values: ['32 KiB', '64 KiB'] },
      { path: 'noc.wordsPerCycle.ifmap', values: ['2', '4'] },
      { path: 'peArray', values: ['12x14', '16x16'] },
      { path: 'dram.wordsPerCycle', values: ['1.2', '8 * 60 / clockMHz'] },
      { path: 'compress.clusterRate', values: ['0.5'] },
    ]);
    expect(manifest.points).toBe(16);
    // Parameters in each field's own unit: 32 KiB = 32768 B; 8 * 60 / 200 MHz = 2.4 words per cycle.
    const expected = [];
    for (const glb of [32768, 65536]) {
      for (const noc of [2, 4]) {
        for (const pe of ['12x14', '16x16']) {
          for (const dram of [1.2, 2.4]) {
            expected.push({
              'glb.capacityBytes': glb,
              'noc.wordsPerCycle.ifmap': noc,
              peArray: pe,
              'dram.wordsPerCycle': dram,
              'compress.clusterRate': 0.5,
            });
          }
        }
      }
    }
    const rows = sweepRows(out);
    expect(rows.map((row) => row.point)).toEqual(expected.map((_, i) => i));
    expect(rows.map((row) => row.params)).toEqual(expected);
    for (const row of rows) {
      expect(row.status).toBe('ok');
      expect(row.totals!.peCount).toBe(row.params.peArray === '12x14' ? 168 : 256);
    }
  });
});

// Each case as the sweep command's options; `cli` marks the ones also run through the built CLI, one per way
// an option is refused (axis parsing, a point's hardware, --shard, --objectives, yargs, an option combination),
// which shows that each way ends in exit 2 with one message. The others run in this process: the same checks,
// without a Node start-up and a mathjs load each.
interface BadOption {
  readonly what: string;
  readonly options: Partial<SweepCall> & { vary: string[] };
  readonly message: RegExp;
  readonly cli?: boolean;
}

const BAD_OPTIONS: readonly BadOption[] = [
  {
    what: 'an unknown path gets "did you mean"',
    options: { vary: ['glb.capacity=32KiB,64KiB'] },
    cli: true,
    message: /^--vary glb\.capacity=32KiB,64KiB: "glb\.capacity" is not a numeric hardware field; did you mean glb\.capacityBytes\?/,
  },
  {
    what: 'a range that runs downwards',
    options: { vary: ['rf.filterWords=512:64:x2'] },
    message: /^--vary rf\.filterWords=512:64:x2: the range runs downwards/,
  },
  {
    what: 'a range without its step',
    options: { vary: ['noc.wordsPerCycle.ifmap=2:8'] },
    message: /^--vary noc\.wordsPerCycle\.ifmap=2:8: a range is START:STOP:xFACTOR/,
  },
  { what: 'an empty list', options: { vary: ['glb.capacityBytes='] }, message: /^--vary glb\.capacityBytes=: no values/ },
  {
    what: 'a list with an empty value',
    options: { vary: ['glb.capacityBytes=32KiB,,64KiB'] },
    message: /^--vary glb\.capacityBytes=32KiB,,64KiB: an empty value/,
  },
  {
    what: 'a size as a clock',
    options: { vary: ['clockMHz=32KiB'] },
    cli: true,
    message: /^--vary clockMHz=32KiB does not give valid hardware:\n.*clockMHz: expected .*convertible to MHz/,
  },
  {
    what: 'a clock as a size',
    options: { vary: ['glb.capacityBytes=5MHz'] },
    message: /^--vary glb\.capacityBytes=5MHz does not give valid hardware:\n.*glb\.capacityBytes: expected .*convertible to B/,
  },
  {
    what: 'range ends in different units',
    options: { vary: ['glb.capacityBytes=32KiB:1MiB:x2'] },
    message: /^--vary glb\.capacityBytes=32KiB:1MiB:x2: the range ends have different units/,
  },
  {
    what: 'an array with no rows',
    options: { vary: ['peArray=12x14,0x4'] },
    message: /^--vary peArray=12x14,0x4: "0x4" is not an array shape/,
  },
  {
    what: 'a zero-word filter spad',
    options: { vary: ['rf.filterWords=224,0'] },
    message: /^--vary rf\.filterWords=0 does not give valid hardware:\n.*rf\.filterWords: expected a positive integer/,
  },
  // 0.5, 1, 2: the range's first value breaks the field's rule, the others are fine.
  {
    what: 'a range with a fractional word count',
    options: { vary: ['rf.filterWords=0.5:2:x2'] },
    message: /^--vary rf\.filterWords=0\.5 does not give valid hardware/,
  },
  {
    what: 'a cluster rate of 0',
    options: { vary: ['compress.clusterRate=0,0.5'] },
    message: /^--vary compress\.clusterRate=0,0\.5: cluster rate "0" is not in \(0, 1\]/,
  },
  {
    what: 'a shard index past the count',
    options: { vary: ['glb.capacityBytes=32KiB'], shard: '2/2' },
    cli: true,
    message: /^--shard 2\/2: expected I\/N with 0 <= I < N/,
  },
  {
    what: 'a shard that is not I/N',
    options: { vary: ['glb.capacityBytes=32KiB'], shard: 'first' },
    message: /^--shard first: expected I\/N/,
  },
  {
    what: 'an unknown objective',
    options: { vary: ['glb.capacityBytes=32KiB'], objectives: 'energy,speed' },
    message: /^--objectives: "speed" is not an objective; choose from energy, latency, area, edp/,
  },
  {
    what: 'a single objective',
    options: { vary: ['glb.capacityBytes=32KiB'], objectives: 'energy' },
    message: /^--objectives: give two or more distinct objectives/,
  },
  {
    what: 'the area objective on hardware without an area section',
    options: { vary: ['glb.capacityBytes=32KiB'], objectives: 'energy,area', hw: PLAIN },
    cli: true,
    message: /^--objectives: area needs an `area` section in the hardware file/,
  },
  {
    what: 'weights without a cluster-rate axis',
    options: { vary: ['glb.capacityBytes=32KiB'], weights: 'no-such-weights.json' },
    cli: true,
    message: /^--weights applies to a compress\.clusterRate axis/,
  },
];

function argv(o: BadOption['options']): string[] {
  const flags: [string, string | undefined][] = [
    ['shard', o.shard],
    ['objectives', o.objectives],
    ['weights', o.weights],
  ];
  return [...o.vary.flatMap((v) => ['--vary', v]), ...flags.flatMap(([name, value]) => (value === undefined ? [] : [`--${name}`, value]))];
}

let outs = 0;
const freshOut = () => path.join(tmp, `refused-${outs++}`);
const hwOf = (o: BadOption['options']) => (o.hw === PLAIN ? plainFile : (o.hw ?? 'hardware/eyeriss.json'));

describe('a bad sweep option is refused before any work: one message naming it, nothing written', () => {
  for (const bad of BAD_OPTIONS) {
    it(bad.what, async () => {
      const out = freshOut();
      const error = await sweep({ model: 'lenet5', out, ...bad.options, hw: hwOf(bad.options) }).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(error instanceof VaryError || error instanceof OptionError, String(error)).toBe(true);
      expect((error as Error).message).toMatch(bad.message);
      expect(fs.existsSync(out), `${out} should not exist`).toBe(false);
    });
  }
});

describe('through the CLI, each way of refusing an option exits 2 with one message', () => {
  // On the plain file: a process that refuses an option then needs no mathjs (a fraction of the start-up).
  const refused = async (expect: ExpectStatic, args: string[], message: RegExp) => {
    const out = freshOut();
    const r = await runHere('sweep', '--hw', plainFile, '--model', 'lenet5', ...args, '--out', out);
    expect(r.status, where(r)).toBe(2);
    expect(r.stderr.startsWith('dkm-sim: '), r.stderr).toBe(true);
    expect(r.stderr.slice('dkm-sim: '.length)).toMatch(message);
    expect(r.stderr.match(/dkm-sim:/g), 'one message').toHaveLength(1);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(r.stdout).toBe('');
    expect(fs.existsSync(out), `${out} should not exist`).toBe(false);
  };

  for (const bad of BAD_OPTIONS.filter((b) => b.cli)) {
    it(bad.what, ({ expect }) => refused(expect, argv(bad.options), bad.message));
  }

  it('--threads 0 (checked by the option parser)', ({ expect }) =>
    refused(expect, ['--vary', 'glb.capacityBytes=32KiB', '--threads', '0'], /^--threads must be an integer from 1 to 256, got 0/));
});
