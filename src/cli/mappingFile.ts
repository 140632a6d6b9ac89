// --mapping FILE: a row-stationary mapping written by hand (or copied from a run), checked at the boundary.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { TILED_DIMS, type RsMapping } from '../mapping/rsMapping.js';

export class MappingFileError extends Error {
  override readonly name = 'MappingFileError';
  constructor(readonly file: string, readonly jsonPath: string, expected: string) {
    super(`${file}: ${jsonPath}: expected ${expected}`);
  }
}

const factor = z.number({ error: 'a positive integer' }).int({ error: 'a positive integer' }).positive({ error: 'a positive integer' });
const order = z
  .array(z.enum(TILED_DIMS, { error: '"N", "M", "C" or "E"' }), { error: 'an array ordering "N", "M", "C", "E"' })
  .refine((o) => o.length === 4 && new Set(o).size === 4, { error: 'each of "N", "M", "C", "E" exactly once' });

const MappingSchema = z.strictObject({
  e: factor, r: factor, t: factor, g: factor.default(1), p: factor, q: factor, n: factor,
  glbFactor: z.strictObject({ G: factor.default(1), N: factor.default(1), M: factor.default(1), C: factor.default(1), E: factor.default(1) }).default({ G: 1, N: 1, M: 1, C: 1, E: 1 }),
  dramOrder: order.default(['N', 'M', 'C', 'E']),
  glbOrder: order.default(['M', 'C', 'N', 'E']),
});

export function readMappingFile(file: string): RsMapping {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new MappingFileError(file, '$', 'a readable mapping JSON file');
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new MappingFileError(file, '$', `valid JSON (${(err as Error).message})`);
  }
  const parsed = MappingSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length ? issue.path.join('.') : '$';
    throw new MappingFileError(file, where, `${issue.message}; a mapping is {e, r, t, g, p, q, n, glbFactor: {G,N,M,C,E}, dramOrder, glbOrder} (see README)`);
  }
  return parsed.data as RsMapping;
}
