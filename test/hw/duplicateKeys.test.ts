import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDuplicateKey } from '../../src/hw/duplicateKeys.js';
import { parseHardware, HardwareFileError } from '../../src/hw/load.js';

describe('repeated keys in a JSON object', () => {
  it('finds the repeat with its path and where it is written', () => {
    const text = '{ "a": 1, "b": { "c": [ { "d": 1, "d": 2 } ] } }';
    expect(findDuplicateKey(text)).toEqual({ path: 'b.c[0].d', position: text.lastIndexOf('"d"') });
    expect(findDuplicateKey('{ "x": { "k": 1 }, "y": { "k": 2 }, "x": 3 }')?.path).toBe('x');
  });

  it('is not fooled by keys inside strings, escaped quotes or equal keys in different objects', () => {
    expect(findDuplicateKey('{ "a": "\\"a\\": 1, \\"a\\"", "b": [{ "a": 1 }, { "a": 2 }], "c": { "a": { "a": 1 } } }')).toBeNull();
    expect(findDuplicateKey('[1, {"a": 1}, [{"a": 2, "b": 3}]]')).toBeNull();
  });

  it('agrees with a parse-and-count reference on random JSON objects (no repeat: null)', () => {
    const obj = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, fc.integer(), fc.string(), tie('object'), fc.array(tie('value'), { maxLength: 3 })),
      object: fc.dictionary(fc.string({ maxLength: 3 }), tie('value'), { maxKeys: 4 }),
    })).object;
    fc.assert(
      fc.property(obj, (o) => {
        const text = JSON.stringify(o);
        expect(findDuplicateKey(text)).toBeNull();
        // The top object's first key written once more in front: now it is repeated, at its first place.
        const first = Object.keys(o)[0];
        if (first === undefined) return;
        const repeated = `{${JSON.stringify(first)}:0,${text.slice(1)}`;
        expect(findDuplicateKey(repeated)).toEqual({ path: first, position: repeated.indexOf(JSON.stringify(first), 2) });
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a hardware file that sets a field twice, naming the field and the line', () => {
    const text = '{\n  "name": "x",\n  "clockMHz": 200,\n  "clockMHz": 1000\n}';
    expect(() => parseHardware(text, 'chip.json')).toThrow(HardwareFileError);
    expect(() => parseHardware(text, 'chip.json')).toThrow(
      'chip.json: clockMHz: expected each key once in its object (delete one of the two), got it again at line 4, column 3',
    );
  });
});
