// Everything a sweep checks before it does any work: the axes, the hardware of every point (loaded here, in
// the main thread, so that a bad value stops the sweep at once with the option that caused it), the shard.
// Nothing is written and nothing is clustered here.
import { HardwareFileError } from '../hw/load.js';
import type { HardwareSpec } from '../hw/spec.js';
import { MAX_POINTS, pointAt, pointCount, pointLabels, shardRange, type DesignPoint } from './grid.js';
import { loadPointHardware } from './rawHardware.js';
import { VaryError, type Axis } from './vary.js';

export interface Shard {
  readonly index: number;
  readonly count: number;
}

export interface PreparedPoint extends DesignPoint {
  readonly hw: HardwareSpec;
  /** Per axis path, the value in the field's unit (read back from the loaded hardware). */
  readonly params: Readonly<Record<string, number | string>>;
  /** Index into the sweep's networks (the cluster-rate value; 0 without a rate axis). */
  readonly network: number;
}

/** `--shard i/n` (0-based i, as Slurm's and Kubernetes' array indices are). */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!(count >= 1 && index >= 0 && index < count)) {
    throw new VaryError(
      `--shard ${text}: expected I/N with 0 <= I < N, e.g. --shard 0/4 ... --shard 3/4 (I is 0-based, like $SLURM_ARRAY_TASK_ID)`,
    );
  }
  return { index, count };
}

function fieldValue(hw: HardwareSpec, path: string): number {
  let node: unknown = hw;
  for (const key of path.split('.')) node = (node as Record<string, unknown>)[key];
  return node as number;
}

function paramsOf(axes: readonly Axis[], p: DesignPoint, hw: HardwareSpec): Record<string, number | string> {
  return Object.fromEntries(
    axes.map((a, i): [string, number | string] => {
      if (a.kind === 'field') return [a.path, fieldValue(hw, a.path)];
      if (a.kind === 'peArray') return [a.path, `${hw.peArray.rows}x${hw.peArray.cols}`];
      return [a.path, a.values[p.choice[i]]];
    }),
  );
}

/** The label of a hardware file changed by a point: the file and the values that changed it. */
const variantName = (file: string, labels: Record<string, string>): string =>
  `${file} with ${Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ')}`;

/**
 * Each axis value alone on the base file first, so that a bad value is reported with its own --vary; then every
 * point of the shard. Hardware axes only are loaded: points that differ only in the cluster rate share one spec.
 */
export function preparePoints(
  base: unknown,
  file: string,
  axes: readonly Axis[],
  shard?: Shard,
): { total: number; points: PreparedPoint[] } {
  const total = pointCount(axes);
  if (total > MAX_POINTS)
    throw new VaryError(`the sweep has ${total} points, more than ${MAX_POINTS}: use fewer values or split it into several sweeps`);
  for (const axis of axes) {
    if (axis.kind === 'clusterRate') continue;
    for (let v = 0; v < axis.values.length; v++) {
      const label = pointLabels([axis], { index: 0, choice: [v] });
      try {
        loadPointHardware(base, [axis], [v], variantName(file, label));
      } catch (err) {
        if (!(err instanceof HardwareFileError)) throw err;
        throw new VaryError(`--vary ${axis.path}=${label[axis.path]} does not give valid hardware:\n${err.message}`);
      }
    }
  }
  const { first, end } = shard ? shardRange(total, shard.index, shard.count) : { first: 0, end: total };
  const rateAxis = axes.findIndex((a) => a.kind === 'clusterRate');
  const hardwareKey = (p: DesignPoint) => p.choice.filter((_, i) => i !== rateAxis).join(',');
  const specs = new Map<string, HardwareSpec>();
  const points: PreparedPoint[] = [];
  for (let index = first; index < end; index++) {
    const p = pointAt(axes, index);
    const key = hardwareKey(p);
    let hw = specs.get(key);
    if (!hw) {
      try {
        hw = loadPointHardware(base, axes, p.choice, variantName(file, pointLabels(axes, p)));
      } catch (err) {
        if (!(err instanceof HardwareFileError)) throw err;
        throw new VaryError(`point ${index} of the sweep does not give valid hardware:\n${err.message}`);
      }
      specs.set(key, hw);
    }
    points.push({ ...p, hw, params: paramsOf(axes, p, hw), network: rateAxis < 0 ? 0 : p.choice[rateAxis] });
  }
  return { total, points };
}
