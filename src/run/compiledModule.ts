// Worker threads run the compiled JavaScript in dist/. A module named by its TypeScript source URL (vitest
// runs the sources) is found at its compiled twin; a missing twin is an error that says how to build it,
// never a silent switch to running inline.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// This file is src/run/compiledModule.ts in the sources, so the project root is two folders up. (From dist/
// it would be dist/, but there every module URL is already a .js one and the root is never needed.)
const SOURCE_ROOT = new URL('../../', import.meta.url).href;

/** The URL a worker imports for `moduleUrl`: itself if it is JavaScript, else its twin in dist/. */
export function compiledModuleUrl(moduleUrl: string): string {
  if (!moduleUrl.endsWith('.ts')) return moduleUrl;
  if (!moduleUrl.startsWith(SOURCE_ROOT)) {
    throw new Error(`${moduleUrl}: worker threads run compiled JavaScript, and this TypeScript module is outside ${SOURCE_ROOT}`);
  }
  const twin = new URL(`dist/${moduleUrl.slice(SOURCE_ROOT.length).replace(/\.ts$/, '.js')}`, SOURCE_ROOT);
  if (!existsSync(twin)) {
    throw new Error(`${fileURLToPath(twin)} is missing: worker threads run the compiled JavaScript; run npm run build`);
  }
  return twin.href;
}
