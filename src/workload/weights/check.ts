// Value checks shared by the file formats.
import { weightsError } from './errors.js';
import { firstNonFinite, formatIndex } from './layout.js';

/**
 * Throws when `data` holds a NaN or an infinity, naming the layer and the first bad element both as a
 * multi-index of `shape` (the layout of the file, so the user can find it) and as a flat index.
 */
export function checkFinite(
  file: string,
  jsonPath: string,
  layer: string,
  what: string,
  data: Float32Array,
  shape: readonly number[],
): void {
  const bad = firstNonFinite(data);
  if (bad < 0) return;
  const count = data.reduce((n, v) => (Number.isFinite(v) ? n : n + 1), 0);
  throw weightsError(
    file,
    jsonPath,
    'finite weights (a NaN or infinity usually means training diverged)',
    `${data[bad]} at ${what}${formatIndex(bad, shape)} (flat index ${bad} of shape [${shape.join(', ')}]) of layer "${layer}"` +
      `${count > 1 ? `, and ${count - 1} more element${count > 2 ? 's are' : ' is'} not finite` : ''}`,
    layer,
  );
}
