import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { HardwareFileError, loadHardware, parseHardware } from '../../src/hw/load.js';
import { objectAt, type JsonObject } from '../jsonValue.js';
import { eyerissJson, expectFileError } from './files.js';

const edited = (edit: (json: JsonObject) => void): JsonObject => {
  const json = eyerissJson();
  edit(json);
  return json;
};

describe('a bad hardware file gives a HardwareFileError naming the file, the path and the fix', () => {
  it('file not found', () => {
    const file = join(tmpdir(), 'no-such-dir-dkm', 'missing.json');
    expect(() => loadHardware(file)).toThrow(HardwareFileError);
    expect(() => loadHardware(file)).toThrow(`${file}: $: expected a readable hardware JSON file`);
  });

  it('not valid JSON, with line and column', () => {
    const error = expectFileError('syntax.json', '{\n  "name": "x",\n  "glb": { "capacityBytes": 5, }\n}', '$');
    expect(error.message).toContain('line 3, column 32');
    expect(error.message).toContain('expected valid JSON');
  });

  it('an unexpected token in a long file, with line and column', () => {
    const text = JSON.stringify(eyerissJson(), null, 2).replace('"rows": 12', '"rows": tru');
    const line = text.split('\n').findIndex((l) => l.includes('tru')) + 1;
    expect(expectFileError('token.json', text, '$').message).toContain(`line ${line}, column 16`);
  });

  it('a truncated file', () => {
    const text = JSON.stringify(eyerissJson(), null, 2);
    const error = expectFileError('truncated.json', text.slice(0, text.length / 2), '$');
    expect(error.message).toMatch(/ends early.*truncated/);
  });

  it('an empty file', () => {
    expect(expectFileError('empty.json', '', '$').message).toContain('got an empty file');
  });

  it('not an object', () => {
    expect(expectFileError('array.json', '[1, 2]', '$').message).toContain('got [1,2]');
  });

  it('a missing field', () => {
    const error = expectFileError(
      'missing.json',
      edited((j) => delete objectAt(j, 'peArray').rows),
      'peArray.rows',
    );
    expect(error.message).toMatch(
      /peArray\.rows: expected a whole number of PE rows from 1 to 4096 .*, got nothing \(the field is missing\)/,
    );
  });

  it('a wrong type', () => {
    const error = expectFileError(
      'type.json',
      edited((j) => (objectAt(j, 'noc').multicast = 'yes')),
      'noc.multicast',
    );
    expect(error.message).toContain('noc.multicast: expected true or false, got "yes"');
    expectFileError(
      'type2.json',
      edited((j) => (objectAt(j, 'peArray').rows = true)),
      'peArray.rows',
    );
    expectFileError(
      'type3.json',
      edited((j) => (objectAt(j, 'glb').bypass = ['weights'])),
      'glb.bypass[0]',
    );
    const reuse = expectFileError(
      'type4.json',
      edited((j) => (j.weightSharing = { rowReuse: 'no' })),
      'weightSharing.rowReuse',
    );
    expect(reuse.message).toContain('weightSharing.rowReuse: expected true or false, got "no"');
  });

  it('a negative or zero size', () => {
    const error = expectFileError(
      'negative.json',
      edited((j) => (objectAt(j, 'glb').capacityBytes = -5)),
      'glb.capacityBytes',
    );
    expect(error.message).toBe(`${error.file}: glb.capacityBytes: expected a positive number of bytes (e.g. 110592 or "108 KiB"), got -5`);
    expectFileError(
      'zero.json',
      edited((j) => (objectAt(j, 'rf').psumWords = 0)),
      'rf.psumWords',
    );
  });

  it('a negative value computed by an expression', () => {
    const error = expectFileError(
      'negexpr.json',
      edited((j) => (objectAt(j, 'energy').glb = '2 - 8')),
      'energy.glb',
    );
    expect(error.message).toContain('got -6 (from "2 - 8")');
    expect(error.issues).toHaveLength(1); // read and write come from the same shorthand
  });

  it('a non-integer array size', () => {
    const error = expectFileError(
      'fraction.json',
      edited((j) => (objectAt(j, 'peArray').cols = 12.5)),
      'peArray.cols',
    );
    expect(error.message).toContain('expected a whole number of PE columns from 1 to 4096 (e.g. 14), got 12.5');
    expectFileError(
      'fraction2.json',
      edited((j) => (objectAt(j, 'peArray').cols = '25 / 2')),
      'peArray.cols',
    );
    expectFileError(
      'wide.json',
      edited((j) => (objectAt(j, 'peArray').accumulatorBits = 48)),
      'peArray.accumulatorBits',
    );
  });

  it("a value above the field's limit: an array side beyond 4096, a word beyond 64 bits", () => {
    const rows = expectFileError(
      'huge-rows.json',
      edited((j) => (objectAt(j, 'peArray').rows = 1e308)),
      'peArray.rows',
    );
    expect(rows.message).toBe(`${rows.file}: peArray.rows: expected a whole number of PE rows from 1 to 4096 (e.g. 12), got 1e+308`);
    expectFileError(
      'wide-array.json',
      edited((j) => (objectAt(j, 'peArray').cols = 4097)),
      'peArray.cols',
    );
    const bits = expectFileError(
      'wide-word.json',
      edited((j) => (j.wordBits = 65)),
      'wordBits',
    );
    expect(bits.message).toContain('expected a whole number of bits per word from 1 to 64 (e.g. 16), got 65');
  });

  it('an unknown key, with a suggestion', () => {
    const error = expectFileError(
      'typo.json',
      edited((j) => {
        const glb = objectAt(j, 'glb');
        glb.capacityByte = glb.capacityBytes;
      }),
      'glb.capacityByte',
    );
    expect(error.message).toContain('glb.capacityByte: unknown key; did you mean capacityBytes?');
  });

  it('an unparsable expression, quoting it and mathjs', () => {
    const error = expectFileError(
      'parse.json',
      edited((j) => (objectAt(j, 'energy').mac = '2 *')),
      'energy.mac',
    );
    expect(error.message).toContain('"2 *", which mathjs cannot parse: Unexpected end of expression');
  });

  it('a reference to a field that does not exist', () => {
    const error = expectFileError(
      'ref.json',
      edited((j) => (objectAt(j, 'energy').glb = '6 * energy.macc')),
      'energy.glb',
    );
    expect(error.message).toContain('refers to energy.macc');
    expect(error.message).toContain('did you mean energy.mac?');
  });

  it('a reference to a group rather than a number', () => {
    const error = expectFileError(
      'group.json',
      edited((j) => (objectAt(j, 'energy').dram = '30 * energy.glb')),
      'energy.dram',
    );
    expect(error.message).toContain('energy.glb.read');
  });

  it('a cycle in expressions, shown as a path', () => {
    const error = expectFileError(
      'cycle.json',
      edited((j) => {
        const energy = objectAt(j, 'energy');
        energy.mac = 'energy.glb.read / 6';
        energy.glb = '6 * energy.nocTransfer';
        energy.nocTransfer = '2 * energy.mac';
      }),
      'energy.mac',
    );
    expect(error.message).toContain('energy.mac -> energy.glb.read -> energy.nocTransfer -> energy.mac');
    expect(error.issues).toHaveLength(1);
  });

  it('an incompatible unit', () => {
    const error = expectFileError(
      'unit.json',
      edited((j) => (j.clockMHz = '200 KiB')),
      'clockMHz',
    );
    expect(error.message).toContain('not convertible to MHz');
    expectFileError(
      'unit2.json',
      edited((j) => (objectAt(j, 'energy').mac = '2 pJ')),
      'energy.mac',
    );
    expectFileError(
      'unit3.json',
      edited((j) => (objectAt(j, 'glb').capacityBytes = '108 KB')),
      'glb.capacityBytes',
    );
  });

  it('several problems, one line each', () => {
    const error = expectFileError(
      'many.json',
      edited((j) => {
        objectAt(j, 'glb').capacityBytes = -1;
        delete j.name;
        objectAt(j, 'noc', 'wordsPerCycle').psm = 4;
      }),
      'glb.capacityBytes',
    );
    expect(error.message.split('\n')).toHaveLength(3);
    expect(error.issues.map((i) => i.jsonPath).sort()).toEqual(['glb.capacityBytes', 'name', 'noc.wordsPerCycle.psm']);
  });

  it('a prefetch share above 1', () => {
    const error = expectFileError(
      'share.json',
      edited((j) => (j.prefetch = { glb: { ifmap: 1.5 } })),
      'prefetch.glb.ifmap',
    );
    expect(error.message).toContain(
      'prefetch.glb.ifmap: expected a share from 0 to 1 of the GLB words the tiles leave free (e.g. 0.5), got 1.5',
    );
  });

  it('prefetch shares that add up to more than 1, one for a bypassed type, or beside a double buffer', () => {
    // eyeriss.json lets filters bypass the GLB.
    const over = expectFileError(
      'over.json',
      edited((j) => (j.prefetch = { glb: { ifmap: 0.75, psum: '1 / 2' } })),
      'prefetch.glb',
    );
    expect(over.message).toContain(
      'prefetch.glb: expected shares that add up to at most 1 (the GLB words the tiles leave free are shared out once), got ifmap 0.75 + filter 0 + psum 0.5 = 1.25',
    );
    const bypassed = expectFileError(
      'bypassed.json',
      edited((j) => (j.prefetch = { glb: { filter: 0.5 } })),
      'prefetch.glb.filter',
    );
    expect(bypassed.message).toContain('prefetch.glb.filter: expected 0 while glb.bypass holds "filter"');
    const both = expectFileError(
      'both.json',
      edited((j) => {
        objectAt(j, 'glb').doubleBuffer = true;
        j.prefetch = { glb: { ifmap: 0.5 } };
      }),
      'prefetch.glb',
    );
    expect(both.message).toContain('expected every share 0 when glb.doubleBuffer is true');
    expect(both.message).toContain('got ifmap 0.5, filter 0, psum 0');
  });

  it('parseHardware reports the file name it is given', () => {
    expect(() => parseHardware('{', 'hardware/bad.json')).toThrow(/^hardware\/bad\.json: \$: /);
  });
});
