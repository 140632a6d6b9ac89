// The energy levels every report shows, in one fixed order (bottom of a stack first), with fixed names and colours.
import { ENERGY_PARTS, type EnergyPart } from '../model/result.js';

export const LEVEL_ORDER: readonly EnergyPart[] = ENERGY_PARTS;

export const LEVEL_LABELS: { readonly [P in EnergyPart]: string } = {
  mac: 'MAC',
  rf: 'RF',
  noc: 'NoC',
  glb: 'GLB',
  dram: 'DRAM',
};

/** Okabe-Ito colours (safe for the common colour-vision deficiencies), distinct in lightness as well as hue. */
export const LEVEL_COLORS: { readonly [P in EnergyPart]: string } = {
  mac: '#E69F00',
  rf: '#56B4E9',
  noc: '#009E73',
  glb: '#CC79A7',
  dram: '#0072B2',
};

/** The storage levels of `LayerResult.accesses`, in the order the CSV columns use. */
export const ACCESS_LEVELS = ['dram', 'glb', 'noc', 'rf'] as const;
