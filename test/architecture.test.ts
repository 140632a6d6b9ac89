// The rooms of src/ and the one direction of their run-time imports (ARCHITECTURE.md): a room may use only
// rooms below it. Type-only imports are free (they vanish at run time). Two rooms on the same floor share
// nothing: the simulator and the search are peers, so neither can borrow the other's code, and the
// simulator cannot reach the model's counting code at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runtimeImports } from './importGraph.js';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

const FLOOR: Record<string, number> = {
  random: 0,
  hw: 0,
  workload: 1,
  compress: 2,
  mapping: 2,
  model: 3,
  train: 3,
  search: 4,
  sim: 4,
  run: 5,
  report: 6,
  explore: 7,
  validate: 7,
  cli: 8,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const relativeImports = (text: string): string[] => runtimeImports(text).filter((p) => p.startsWith('.'));

const roomOf = (file: string): string => relative(SRC, file).split(sep)[0];

describe('room layering', () => {
  const files = sourceFiles(SRC);

  it('knows every room of src/', () => {
    const rooms = new Set(files.map(roomOf));
    expect([...rooms].filter((r) => !(r in FLOOR))).toEqual([]);
  });

  it('reads type-only imports as erased and everything else as a run-time import', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { type B, type C } from './b.js';",
      "import { d, type E } from './d.js';",
      "export { f } from './f.js';",
      "import * as g from './g.js';",
      "const h = await import('./h.js');",
      "import { x } from 'node:fs';",
    ].join('\n');
    expect(runtimeImports(text)).toEqual(['./d.js', './f.js', './g.js', 'node:fs', './h.js']);
  });

  it('imports only from lower rooms at run time', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const room = roomOf(file);
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        const target = roomOf(join(file, '..', spec));
        if (target !== room && !(FLOOR[target] < FLOOR[room])) wrong.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
