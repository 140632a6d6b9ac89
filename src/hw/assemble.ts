// Between the raw file and the HardwareSpec: pick the numeric leaves out of the validated raw tree, and build
// the spec from their evaluated values. Spelled out field by field so the compiler checks both directions.
import type { RawHardware } from './schema.js';
import type { HardwareSpec } from './spec.js';
import { NUMERIC_PATHS, type NumericPath } from './fields.js';
import type { RawNumber } from './expressions.js';

/** The value at `path`, or undefined inside an optional section the file leaves out (`area`). */
function leaf(raw: RawHardware, path: NumericPath): RawNumber | undefined {
  let node: unknown = raw;
  for (const key of path.split('.')) node = node === undefined ? undefined : (node as Record<string, unknown>)[key];
  return node as RawNumber | undefined;
}

/** Every numeric field of the validated file (shorthands expanded, defaults applied), keyed by dotted path. */
export function numericLeaves(raw: RawHardware): Map<NumericPath, RawNumber> {
  const leaves = new Map<NumericPath, RawNumber>();
  for (const path of NUMERIC_PATHS) {
    const value = leaf(raw, path);
    if (value !== undefined) leaves.set(path, value);
  }
  return leaves;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}

/** The spec, given a final value for every numeric path. */
export function assembleSpec(raw: RawHardware, values: ReadonlyMap<NumericPath, number>): HardwareSpec {
  const v = (path: NumericPath): number => {
    const value = values.get(path);
    if (value === undefined) throw new Error(`internal: ${path} was not evaluated`);
    return value;
  };
  const rw = (prefix: 'energy.rf.ifmap' | 'energy.rf.filter' | 'energy.rf.psum' | 'energy.glb' | 'energy.dram') => ({
    read: v(`${prefix}.read`),
    write: v(`${prefix}.write`),
  });
  const area =
    raw.area === undefined
      ? {}
      : {
          area: {
            peLogicMm2: v('area.peLogicMm2'),
            spadMm2PerWord: {
              ifmap: v('area.spadMm2PerWord.ifmap'),
              filter: v('area.spadMm2PerWord.filter'),
              psum: v('area.spadMm2PerWord.psum'),
            },
            glbMm2PerKiB: v('area.glbMm2PerKiB'),
            glbMm2PerBank: v('area.glbMm2PerBank'),
            nocMm2PerPe: v('area.nocMm2PerPe'),
            fixedMm2: v('area.fixedMm2'),
          },
        };
  return deepFreeze({
    name: raw.name,
    description: raw.description,
    wordBits: v('wordBits'),
    clockMHz: v('clockMHz'),
    peArray: {
      rows: v('peArray.rows'),
      cols: v('peArray.cols'),
      macPipelineDepth: v('peArray.macPipelineDepth'),
      accumulatorBits: v('peArray.accumulatorBits'),
    },
    rf: { ifmapWords: v('rf.ifmapWords'), filterWords: v('rf.filterWords'), psumWords: v('rf.psumWords') },
    glb: {
      capacityBytes: v('glb.capacityBytes'),
      banks: v('glb.banks'),
      wordsPerCyclePerBank: v('glb.wordsPerCyclePerBank'),
      bypass: [...raw.glb.bypass],
      doubleBuffer: raw.glb.doubleBuffer,
    },
    noc: {
      multicast: raw.noc.multicast,
      wordsPerCycle: {
        ifmap: v('noc.wordsPerCycle.ifmap'),
        filter: v('noc.wordsPerCycle.filter'),
        psum: v('noc.wordsPerCycle.psum'),
      },
    },
    dram: { wordsPerCycle: v('dram.wordsPerCycle') },
    prefetch: {
      glb: { ifmap: v('prefetch.glb.ifmap'), filter: v('prefetch.glb.filter'), psum: v('prefetch.glb.psum') },
      filterSpad: raw.prefetch.filterSpad,
    },
    weightSharing: {
      codebookLocation: raw.weightSharing.codebookLocation,
      codebookRfWords: v('weightSharing.codebookRfWords'),
      glbCodebookBytes: v('weightSharing.glbCodebookBytes'),
      maxIndexBits: v('weightSharing.maxIndexBits'),
      executions: [...raw.weightSharing.executions],
      rowReuse: raw.weightSharing.rowReuse,
    },
    energy: {
      unit: raw.energy.unit,
      mac: v('energy.mac'),
      rf: { ifmap: rw('energy.rf.ifmap'), filter: rw('energy.rf.filter'), psum: rw('energy.rf.psum') },
      nocTransfer: v('energy.nocTransfer'),
      glb: rw('energy.glb'),
      dram: rw('energy.dram'),
      codebookLookup: v('energy.codebookLookup'),
      psumAdd: v('energy.psumAdd'),
    },
    ...area,
  });
}
