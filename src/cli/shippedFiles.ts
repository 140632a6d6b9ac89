// Files that ship with dkm-sim (hardware/eyeriss.json), found from the package's own folder rather than the
// current one: `dkm-sim validate` and `retrain` default to the shipped chip wherever they are run from.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The chip `validate` and `retrain` run on when --hw is not given, as the repository names it. */
export const SHIPPED_HARDWARE = 'hardware/eyeriss.json';

/** The package folder: the nearest folder above this module (src/cli/ or dist/src/cli/) with a package.json. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`internal: no package.json above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
  return dir;
}

export interface HardwareArg {
  /** Where to read the file. */
  readonly path: string;
  /** How outputs and messages name it: as given, or the shipped file's repository path (same bytes anywhere). */
  readonly label: string;
}

/** --hw as given, or the shipped chip when absent. */
export const hardwareArg = (given: string | undefined): HardwareArg =>
  given !== undefined ? { path: given, label: given } : { path: path.join(packageRoot(), SHIPPED_HARDWARE), label: SHIPPED_HARDWARE };
