// Default output folders, apart from the commands so that a command that writes no chart (compress) does not
// load the chart code of the main command to name its folder.
import path from 'node:path';

/** A model, layer or file name reduced to safe file-name characters, without a .json ending. */
export const fileStem = (p: string): string =>
  path
    .basename(p)
    .replace(/\.json$/i, '')
    .replace(/[^A-Za-z0-9._-]+/g, '_');

/** results/<model>-<hardware>/ (results/<model>-<layer>-<hardware>/ for one layer). */
export function defaultOutDir(model: string, hwFile: string, layer?: string): string {
  return path.join('results', `${fileStem(model)}${layer ? `-${fileStem(layer)}` : ''}-${fileStem(hwFile)}`);
}
