import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inputsIn } from '../../src/cli/inputsKept.js';
import { writeFileSet } from '../../src/report/fileSet.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-inputs-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('inputsIn', () => {
  const out = path.join(tmp, 'retrain');
  // What a pretraining retrain run leaves: a tfjs model and its shard, among the run's other files.
  writeFileSet(out, [
    ['retrain.csv', 'x'],
    ['pretrained.json', JSON.stringify({ modelTopology: {}, weightsManifest: [{ paths: ['pretrained.weights.bin'] }] })],
    ['pretrained.weights.bin', new Uint8Array(8)],
  ]);

  it('names a tfjs model read from the output folder and its shards; nothing for files elsewhere', () => {
    expect(inputsIn(out, [path.join(out, 'pretrained.json'), undefined])).toEqual(['pretrained.json', 'pretrained.weights.bin']);
    expect(inputsIn(out, [path.join(tmp, 'pretrained.json')])).toEqual([]);
    expect(inputsIn(path.join(out, '.'), [path.relative(process.cwd(), path.join(out, 'x.json'))])).toEqual(['x.json']);
  });

  it('keeps them through a later run that reads them and does not write them again', () => {
    writeFileSet(out, [['retrain.csv', 'y']], { keep: inputsIn(out, [path.join(out, 'pretrained.json')]) });
    expect(
      fs
        .readdirSync(out)
        .filter((n) => !n.startsWith('.'))
        .sort(),
    ).toEqual(['pretrained.json', 'pretrained.weights.bin', 'retrain.csv']);
    writeFileSet(out, [['retrain.csv', 'z']]);
    expect(fs.readdirSync(out).filter((n) => !n.startsWith('.'))).toEqual(['retrain.csv']);
  });
});
