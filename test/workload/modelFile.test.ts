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

const conv = (over: Record<string, unknown> = {}): Record<string, unknown> => ({ name: 'c1', C: 3, M: 8, H: 8, W: 8, R: 3, S: 3, ...over });

/** Loads and returns the ModelFileError, failing the test if the load succeeds or throws something else. */
function failure(content: unknown): { file: string; err: ModelFileError } {
  const file = write(content);
  try {
    loadModelFile(file, 1);
  } catch (err) {
    expect(err).toBeInstanceOf(ModelFileError);
    const e = err as ModelFileError;
    expect(e.file).toBe(file);
    // The form every input file's errors take: one line per problem, file, JSON path, what is expected and found.
    for (const line of e.message.split('\n')) expect(line).toMatch(/^.+?: \S+: (expected .+, got .+|unknown key; .+)$/);
    expect(e.message.startsWith(`${file}: ${e.jsonPath}: `)).toBe(true);
    return { file, err: e };
  }
  throw new Error('expected the model file to be rejected');
}

describe('model files', () => {
  it('loads the shipped example with defaults and derived E, F', () => {
    const n = loadModelFile('models/example-small.json', 2);
    expect(n.name).toBe('example-small');
    expect(n.layers.map((l) => [l.name, l.kind, l.E, l.F, l.stride, l.groups])).toEqual([
      ['conv1', 'conv', 32, 32, 1, 1],
      ['conv2', 'conv', 8, 8, 2, 1],
      ['fc', 'fc', 1, 1, 1, 1],
    ]);
    // batch 2: 2 * (32*32*16*3*9 + 8*8*32*16*9 + 32*8*8*10)
    expect(n.layers.reduce((s, l) => s + layerMacs(l), 0)).toBe(2 * (442_368 + 294_912 + 20_480));
  });

  it('resolveModel loads an existing .json path', () => {
    expect(resolveModel('models/example-small.json', 1).layers).toHaveLength(3);
  });

  it('bad JSON names the file and where the syntax breaks, by line and column', () => {
    const { err } = failure('{ "name": "x", "layers": [ ');
    expect(err.jsonPath).toBe('$');
    expect(err.message).toMatch(/expected valid JSON .*, got a file that ends early at line 1, column 27/);
    const comma = failure('{\n  "name": "x",\n  "layers": [{"name": "c1",, "C": 3}]\n}').err;
    expect(comma.message).toMatch(/got a syntax error at line 3, column 28: /);
  });

  it('a key written twice is refused, not silently replaced', () => {
    const { err } = failure('{"name": "m", "layers": [{"name": "c1", "C": 3, "M": 8, "H": 8, "W": 8, "R": 3, "S": 3, "C": 4}]}');
    expect(err.jsonPath).toBe('layers[0].C');
    expect(err.message).toMatch(
      /expected each key once in its object .*, got it again at line 1, column 89, which would silently replace the first value$/,
    );
  });

  it('a missing file names the file', () => {
    const absent = join(dir, 'absent.json');
    expect(() => loadModelFile(absent, 1)).toThrow(
      `${absent}: $: expected a readable model JSON file (e.g. models/example-small.json), got no such file`,
    );
  });

  it('a missing field names its JSON path', () => {
    const { R: _r, ...noR } = conv({ name: 'b' });
    const { err } = failure({ name: 'm', layers: [conv(), noR] });
    expect(err.jsonPath).toBe('layers[1].R');
    expect(err.message).toMatch(/layers\[1\]\.R: expected a positive integer up to 1048576, got nothing \(the field is missing\)$/);
  });

  it('a missing layers array and a non-object document are reported at the top', () => {
    expect(failure({ name: 'm' }).err.jsonPath).toBe('layers');
    const top = failure([1, 2]).err;
    expect(top.jsonPath).toBe('$');
    expect(top.message).toMatch(/\$: expected a model object .*, got \[1,2\]$/);
  });

  it('a wrong type names its JSON path', () => {
    const { err } = failure({ name: 'm', layers: [conv({ C: '3' })] });
    expect(err.jsonPath).toBe('layers[0].C');
    expect(err.message).toMatch(/expected a positive integer up to 1048576, got "3"$/);
    expect(failure({ name: 'm', layers: [conv({ padding: -1 })] }).err.jsonPath).toBe('layers[0].padding');
    expect(failure({ name: 'm', layers: [conv({ stride: 1.5 })] }).err.jsonPath).toBe('layers[0].stride');
    expect(failure({ name: 'm', layers: [conv({ kind: 'pool' })] }).err.jsonPath).toBe('layers[0].kind');
    expect(failure({ name: 'm', layers: [conv(), 7] }).err.jsonPath).toBe('layers[1]');
  });

  it('unknown fields are rejected (strict schema)', () => {
    const { err } = failure({ name: 'm', layers: [conv({ kernel: 3 })] });
    expect(err.jsonPath).toBe('layers[0].kernel');
    expect(err.message).toMatch(
      /layers\[0\]\.kernel: unknown key; expected one of the keys name, kind, C, M, H, W, R, S, stride, padding, groups$/,
    );
    const typo = failure({ name: 'm', layers: [conv({ strides: 2 })] }).err;
    expect(typo.message).toMatch(/layers\[0\]\.strides: unknown key; did you mean stride\?$/);
  });

  it('impossible shapes name the layer and field', () => {
    const big = failure({ name: 'm', layers: [conv({ name: 'big', R: 11, padding: 1 })] }).err;
    expect(big.jsonPath).toBe('layers[0].R');
    expect(big.message).toMatch(/expected at most H \+ 2 x padding = 10 \(layer "big"'s padded input\), or more padding, got 11$/);
    const grp = failure({ name: 'm', layers: [conv({ name: 'g', C: 6, M: 8, groups: 4 })] }).err;
    expect(grp.jsonPath).toBe('layers[0].groups');
    expect(grp.message).toMatch(/expected a number of groups dividing both C = 6 and M = 8 .*, got 4$/);
    const fc = failure({ name: 'm', layers: [conv({ name: 'f', kind: 'fc' })] }).err;
    expect(fc.jsonPath).toBe('layers[0].R');
    expect(fc.message).toMatch(/expected R = H = 8, S = W = 8, padding 0 and stride 1 .*, got R 3, S 3, padding 0, stride 1$/);
  });

  it('duplicate layer names are rejected, naming both positions', () => {
    const { err } = failure({ name: 'm', layers: [conv(), conv({ M: 4 }), conv({ name: 'c1' })] });
    expect(err.jsonPath).toBe('layers[1].name');
    expect(err.message).toMatch(/expected a name no other layer has, got "c1" again \(layers\[0\] has it\)$/);
  });

  it("refuses dimensions beyond 2^20 and layers beyond 2^50 MACs at the run's batch, naming the field", () => {
    const huge = failure({ name: 'm', layers: [conv({ C: 1e9, M: 1e9 })] }).err;
    expect(huge.issues.map((i) => i.jsonPath)).toEqual(['layers[0].C', 'layers[0].M']);
    expect(huge.message).toMatch(/layers\[0\]\.C: expected a positive integer up to 1048576, got 1000000000$/m);
    // 4096 x 4096 x 254 x 254 x 3 x 3 = 9.7e12 MACs per image: fine at batch 1, 3.99e16 > 2^50 = 1.1e15 at batch 4096.
    const wide = conv({ C: 4096, M: 4096, H: 256, W: 256 });
    expect(loadModelFile(write({ name: 'm', layers: [wide] }), 1).layers[0].C).toBe(4096);
    const file = write({ name: 'm', layers: [wide] });
    expect(() => loadModelFile(file, 4096)).toThrow(
      `${file}: layers[0]: expected a layer of at most 2^50 MACs at batch 4096 (counts beyond 2^53 are not exact: fewer channels, a smaller input or a smaller --batch), got 3.99e+16 MACs (layer "c1")`,
    );
  });
});
