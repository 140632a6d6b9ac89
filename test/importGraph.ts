// The run-time import graph of the TypeScript sources, read from their text: which modules a file loads
// (type-only imports vanish at run time) and every module reachable from a start.
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** Module specifiers a file loads at run time (import/export ... from, not `import type`), in order of kind. */
export function runtimeImports(text: string): string[] {
  const found: string[] = [];
  const statement = /^(import|export)\s+(type\s+)?([^;]*?)\s+from\s+'([^']+)'/gms;
  for (const m of text.matchAll(statement)) {
    if (m[2]) continue;
    const names = m[3].trim();
    // `import { type A, type B }` is erased too.
    const braces = /^\{([^}]*)\}$/.exec(names);
    if (
      braces &&
      braces[1]
        .split(',')
        .map((n) => n.trim())
        .filter(Boolean)
        .every((n) => n.startsWith('type '))
    )
      continue;
    found.push(m[4]);
  }
  for (const m of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(m[1]);
  for (const m of text.matchAll(/import\(\s*'([^']+)'\s*\)/g)) found.push(m[1]);
  return found;
}

/**
 * Every source file reachable from `starts` by relative run-time imports (`./x.js` read as `./x.ts`), and every
 * package they import (bare specifiers such as 'mathjs').
 */
export function reachable(starts: readonly string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(file)) return;
    files.add(file);
    for (const spec of runtimeImports(readFileSync(file, 'utf8'))) {
      if (spec.startsWith('.')) visit(resolve(dirname(file), spec).replace(/\.js$/, '.ts'));
      else packages.add(spec);
    }
  };
  starts.forEach(visit);
  return { files, packages };
}
