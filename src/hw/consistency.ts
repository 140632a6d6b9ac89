// Rules that tie several fields of an evaluated hardware file together; each field alone was checked already.
import { issue, type HardwareIssue } from './errors.js';
import { DATA_TYPES, type HardwareSpec } from './spec.js';

/** The problems of a spec whose every field is valid on its own; [] when it is consistent. */
export function consistencyIssues(hw: HardwareSpec): HardwareIssue[] {
  const issues: HardwareIssue[] = [];
  const shares = hw.prefetch.glb;
  for (const type of DATA_TYPES) {
    if (shares[type] > 0 && hw.glb.bypass.includes(type)) {
      issues.push(
        issue(
          `prefetch.glb.${type}`,
          `0 while glb.bypass holds "${type}" (a type that skips the GLB has no GLB tile to load ahead)`,
          String(shares[type]),
        ),
      );
    }
  }
  const total = shares.ifmap + shares.filter + shares.psum;
  // A little slack for shares written as expressions such as "1 / 3".
  if (total > 1 + 1e-9) {
    const terms = DATA_TYPES.map((t) => `${t} ${shares[t]}`).join(' + ');
    issues.push(
      issue(
        'prefetch.glb',
        'shares that add up to at most 1 (the GLB words the tiles leave free are shared out once)',
        `${terms} = ${total}`,
      ),
    );
  }
  if (total > 0 && hw.glb.doubleBuffer) {
    issues.push(
      issue(
        'prefetch.glb',
        'every share 0 when glb.doubleBuffer is true (its idle half already takes the next tiles: use one of the two)',
        DATA_TYPES.map((t) => `${t} ${shares[t]}`).join(', '),
      ),
    );
  }
  return issues;
}
