// `dkm-sim validate` and `retrain` default to the shipped chip wherever they are run from (a --hw default
// relative to the current folder failed outside the repository).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { hardwareArg, SHIPPED_HARDWARE } from '../../src/cli/shippedFiles.js';
import { root } from './runCli.js';

describe('hardwareArg', () => {
  it('finds the shipped chip from the package folder and names it as the repository does (same bytes anywhere)', () => {
    const shipped = hardwareArg(undefined);
    expect(shipped).toEqual({ path: path.join(root, SHIPPED_HARDWARE), label: 'hardware/eyeriss.json' });
    expect(fs.existsSync(shipped.path)).toBe(true);
  });

  it('does so from the built module too, run from another folder', () => {
    const module = pathToFileURL(path.join(root, 'dist', 'src', 'cli', 'shippedFiles.js')).href;
    const found = execFileSync(
      process.execPath,
      ['--input-type=module', '-e', `import(${JSON.stringify(module)}).then((m) => process.stdout.write(m.hardwareArg().path))`],
      { cwd: os.tmpdir(), encoding: 'utf8' },
    );
    expect(found).toBe(path.join(root, SHIPPED_HARDWARE));
  });

  it('takes a given --hw as it is', () => {
    expect(hardwareArg('my/chip.json')).toEqual({ path: 'my/chip.json', label: 'my/chip.json' });
  });
});
