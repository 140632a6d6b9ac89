import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { layerMacs } from '../../src/workload/layer.js';
import { loadModelFile, ModelFileError } from '../../src/workload/modelFile.js';
import { resolveModel } from '../../src/workload/zoo/index.js';

const dir = mkdtempSync(join(tmpdir(), 'dkm-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
function write(content: unknown): string {
  const file = join(dir, `m${count++}.json`);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

const conv = (over: Record<string, unknown> = {}): Record<string, unknown> =>
  ({ name: 'c1', C: 3, M: 8, H: 8, W: 8, R: 3, S: 3, ...over });

/** Loads and returns the ModelFileError, failing the test if the load succeeds or throws something else. */
function failure(content: unknown): { file: string; err: ModelFileError } {
  const file = write(content);
  try {
    loadModelFile(file, 1);
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFileError);
    const e = err as ModelFileError;
    expect(e.file).toBe(file);
    expect(e.message).toContain(file);
    expect(e.message).toContain('Fix:');
    if (e.jsonPath !== '') expect(e.message).toContain(e.jsonPath);
    return { file, err: e };
  }
  throw new Error('expected the model file to be rejected');
}

describe('model files', () => {
  it('loads the shipped example with defaults and derived E, F', () => {
    const n = loadModelFile('models/example-small.json', 2);
    expect(n.name).toBe('example-small');
    expect(n.layers.map((l) => [l.name, l.kind, l.E, l.F, l.stride, l.groups])).toEqual([
      ['conv1', 'conv', 32, 32, 1, 1], ['conv2', 'conv', 8, 8, 2, 1], ['fc', 'fc', 1, 1, 1, 1]]);
    // batch 2: 2 * (32*32*16*3*9 + 8*8*32*16*9 + 32*8*8*10)
    expect(n.layers.reduce((s, l) => s + layerMacs(l), 0)).toBe(2 * (442_368 + 294_912 + 20_480));
  });

  it('resolveModel loads an existing .json path', () => {
    expect(resolveModel('models/example-small.json', 1).layers).toHaveLength(3);
  });

  it('bad JSON names the file', () => {
    const { err } = failure('{ "name": "x", "layers": [ ');
    expect(err.jsonPath).toBe('');
    expect(err.message).toMatch(/not valid JSON/);
  });

  it('a missing file names the file', () => {
    expect(() => loadModelFile(join(dir, 'absent.json'), 1)).toThrow(ModelFileError);
  });

  it('a missing field names its JSON path', () => {
    const { R: _r, ...noR } = conv({ name: 'b' });
    const { err } = failure({ name: 'm', layers: [conv(), noR] });
    expect(err.jsonPath).toBe('layers[1].R');
    expect(err.message).toMatch(/"R" is missing.*add "R"/);
  });

  it('a missing layers array and a non-object document are reported at the top', () => {
    expect(failure({ name: 'm' }).err.jsonPath).toBe('layers');
    expect(failure([1, 2]).err.jsonPath).toBe('');
  });

  it('a wrong type names its JSON path', () => {
    const { err } = failure({ name: 'm', layers: [conv({ C: '3' })] });
    expect(err.jsonPath).toBe('layers[0].C');
    expect(err.message).toMatch(/"3" is not valid/);
    expect(failure({ name: 'm', layers: [conv({ padding: -1 })] }).err.jsonPath).toBe('layers[0].padding');
    expect(failure({ name: 'm', layers: [conv({ stride: 1.5 })] }).err.jsonPath).toBe('layers[0].stride');
    expect(failure({ name: 'm', layers: [conv({ kind: 'pool' })] }).err.jsonPath).toBe('layers[0].kind');
    expect(failure({ name: 'm', layers: [conv(), 7] }).err.jsonPath).toBe('layers[1]');
  });

  it('unknown fields are rejected (strict schema)', () => {
    const { err } = failure({ name: 'm', layers: [conv({ kernel: 3 })] });
    expect(err.jsonPath).toBe('layers[0]');
    expect(err.message).toMatch(/"kernel".*allowed fields/);
  });

  it('impossible shapes name the layer and field', () => {
    const big = failure({ name: 'm', layers: [conv({ name: 'big', R: 11, padding: 1 })] }).err;
    expect(big.jsonPath).toBe('layers[0].R');
    expect(big.message).toContain('"big"');
    const grp = failure({ name: 'm', layers: [conv({ name: 'g', C: 6, M: 8, groups: 4 })] }).err;
    expect(grp.jsonPath).toBe('layers[0].groups');
    expect(grp.message).toContain('"g"');
    const fc = failure({ name: 'm', layers: [conv({ name: 'f', kind: 'fc' })] }).err;
    expect(fc.jsonPath).toBe('layers[0].R');
    expect(fc.message).toMatch(/R=8, S=8/);
  });

  it('duplicate layer names are rejected, naming both positions', () => {
    const { err } = failure({ name: 'm', layers: [conv(), conv({ M: 4 }), conv({ name: 'c1' })] });
    expect(err.jsonPath).toBe('layers[1].name');
    expect(err.message).toMatch(/"c1" is used twice \(layers\[0\] and layers\[1\]\)/);
  });
});
