// The rooms of src/ and the one direction of their run-time imports (ARCHITECTURE.md): a room may use only
// rooms below it. Type-only imports are free (they vanish at run time). Two rooms on the same floor share
// nothing: the simulator and the search are peers, so neither can borrow the other's code, and the
// simulator cannot reach the model's counting code at all.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src', import.meta.url));

const FLOOR: Record<string, number> = {
  random: 0, hw: 0,
  workload: 1,
  compress: 2, mapping: 2,
  model: 3, train: 3,
  search: 4, sim: 4,
  run: 5,
  report: 6,
  explore: 7, validate: 7,
  cli: 8,
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Relative module paths a file loads at run time (import/export ... from, not `import type`). */
function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const statement = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms;
  for (const m of text.matchAll(statement)) {
    if (m[2]) continue;
    const names = m[3].trim();
    // `import { type A, type B }` is erased too.
    const braces = /^\{([^}]*)\}$/.exec(names);
    if (braces && braces[1].split(',').map((n) => n.trim()).filter(Boolean).every((n) => n.startsWith('type '))) continue;
    found.push(m[4]);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]);
  return found.filter((p) => p.startsWith('.'));
}

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
    expect(runtimeImports(text)).toEqual(['./d.js', './f.js', './g.js', './h.js']);
  });

  it('imports only from lower rooms at run time', () => {
    const wrong: string[] = [];
    for (const file of files) {
      const room = roomOf(file);
      for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
        const target = roomOf(join(file, '..', spec));
        if (target !== room && !(FLOOR[target] < FLOOR[room])) wrong.push(`${relative(SRC, file)} -> ${spec}`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
