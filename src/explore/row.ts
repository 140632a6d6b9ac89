// One line of sweep.jsonl: a design point, self-contained (its parameters, whether it could run, and its
// totals), so that the file alone is the record of a sweep, whatever order its points finished in.
import type { AreaBreakdown } from '../hw/area.js';
import type { EnergyBreakdown, RunSummary } from '../model/result.js';

export interface PointTotals {
  readonly macs: number;
  readonly cycles: number;
  readonly latencyMs: number;
  readonly energyUnit: RunSummary['energyUnit'];
  readonly energy: EnergyBreakdown;
  /** Energy-delay product: energy.total x latencyMs, in energyUnit x ms. */
  readonly edp: number;
  readonly peCount: number;
  /** Present when the hardware file has an area section. */
  readonly area?: AreaBreakdown;
  /**
   * Present on points with a cluster rate: the network's compression ratios, storage (32-bit, the paper's
   * convention; fixed-length and entropy-coded indices) and on-chip (in the base hardware's words).
   */
  readonly compressionRatio?: { readonly fixed: number; readonly entropy: number; readonly onChip: number };
}

export interface SweepRow {
  readonly point: number;
  /** Per axis path, the point's value in the field's unit (peArray: "ROWSxCOLS"). */
  readonly params: Readonly<Record<string, number | string>>;
  /** 'invalid': some layer has no legal mapping on this hardware (`reason` says which and why). */
  readonly status: 'ok' | 'invalid';
  readonly reason?: string;
  readonly totals?: PointTotals;
}

export const rowLine = (row: SweepRow): string => `${JSON.stringify(row)}\n`;
