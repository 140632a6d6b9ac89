// --mapping FILE: a row-stationary mapping written by hand (or copied from a run), checked at the boundary: its
// JSON, its fields, and (before any work) that the --layer can run with it on the hardware.
import { z } from 'zod';
import { formatPath, InputFileError, issue, shown, unknownKeyIssue, valueAt } from '../hw/errors.js';
import { readJsonFile } from '../hw/json.js';
import type { HardwareSpec } from '../hw/spec.js';
import type { NoLegalMappingError } from '../mapping/legality.js';
import { TILED_DIMS, type RsMapping } from '../mapping/rsMapping.js';
import { GIVEN_MAPPING_ILLEGAL, givenMappingFailure } from '../run/layerJob.js';
import { mappingView, type Layer } from '../workload/layer.js';

/** A bad mapping file; each problem a line `file: json.path: expected ..., got ...` (as every input file's). */
export class MappingFileError extends InputFileError {}

const factor = z.number({ error: 'a positive integer' }).int({ error: 'a positive integer' }).positive({ error: 'a positive integer' });
const order = z
  .array(z.enum(TILED_DIMS, { error: '"N", "M", "C" or "E"' }), { error: 'an array ordering "N", "M", "C", "E"' })
  .refine((o) => o.length === 4 && new Set(o).size === 4, { error: 'each of "N", "M", "C", "E" exactly once' });

const MappingSchema = z.strictObject({
  e: factor,
  r: factor,
  t: factor,
  g: factor.default(1),
  p: factor,
  q: factor,
  n: factor,
  glbFactor: z
    .strictObject({ G: factor.default(1), N: factor.default(1), M: factor.default(1), C: factor.default(1), E: factor.default(1) })
    .default({ G: 1, N: 1, M: 1, C: 1, E: 1 }),
  dramOrder: order.default(['N', 'M', 'C', 'E']),
  glbOrder: order.default(['M', 'C', 'N', 'E']),
});

const SHAPE = 'a mapping {e, r, t, g, p, q, n, glbFactor: {G,N,M,C,E}, dramOrder, glbOrder} (see README)';

/** Where the mapping must run: checked as soon as the file is read, so that an illegal one fails before any work. */
export interface MappingTarget {
  readonly layer: Layer;
  readonly hw: HardwareSpec;
  readonly hardwareFile: string;
}

const illegal = (file: string, layer: string, hardwareFile: string, why: string): MappingFileError =>
  new MappingFileError(
    file,
    issue('$', `a mapping legal for layer "${layer}" on the hardware in ${hardwareFile}`, `one that is not: ${why}`),
  );

export function readMappingFile(file: string, target?: MappingTarget): RsMapping {
  const parsed = readJsonFile(file, 'a readable mapping JSON file');
  if (!parsed.ok) throw new MappingFileError(file, parsed.issue);
  const checked = MappingSchema.safeParse(parsed.value);
  if (!checked.success) {
    throw new MappingFileError(
      file,
      checked.error.issues.flatMap((found) =>
        found.code === 'unrecognized_keys'
          ? found.keys.map((key) => unknownKeyIssue(formatPath([...found.path, key]), key, SHAPE))
          : [issue(formatPath(found.path), found.path.length === 0 ? SHAPE : found.message, shown(valueAt(parsed.value, found.path)))],
      ),
    );
  }
  const mapping = checked.data as RsMapping;
  const failure = target && givenMappingFailure(mappingView(target.layer), target.hw, mapping);
  if (failure) throw illegal(file, target.layer.name, target.hardwareFile, failure);
  return mapping;
}

/** A run's NoLegalMappingError from a given mapping (e.g. on the shared layer), told against the mapping file. */
export const mappingNotLegal = (file: string, err: NoLegalMappingError, hardwareFile: string): MappingFileError =>
  illegal(file, err.layer, hardwareFile, err.constraint.replace(GIVEN_MAPPING_ILLEGAL, ''));
