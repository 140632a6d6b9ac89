// energy-compare.svg: the uncompressed and the Deep k-Means-shared run side by side. Top: energy by level of the
// whole run and of its conv layers alone (the layers sharing changes; unshared FC DRAM would swamp the effect in
// the whole-run bars), each level's change under it. Bottom: every layer's change. d3 rendered via d3-node.
import { chartFrame } from './chartFrame.js';
import type { RunSummary } from '../model/result.js';
import { assertReportable } from './checkSummary.js';
import { LABEL_ANGLE_DEG, TEXT_FONT_PX, TICK_FONT_PX, TITLE_FONT_PX, shortLabel, textWidthPx } from './chartLayout.js';
import { drawLayersPanel } from './compareLayers.js';
import { convEnergy, layerChanges } from './compareFigures.js';
import { drawLevelsPanel, RUN_COLORS } from './compareLevels.js';
import { formatChange, planText, relativeChange, type CompressedRun } from './compressedRun.js';
import { si } from './numbers.js';
import { energyScale } from './objectiveScale.js';
import { xmlSafe } from './xml.js';

const PAD = 16;
const AXIS_LEFT = 84; // tick labels like "1.25" plus the turned axis title
const LEVELS_HEIGHT = 260;
const LAYERS_HEIGHT = 180;
const MIN_PANEL_WIDTH = 400;
const PX_PER_LAYER = 18;
const SWATCH = 12;

/** "11.34 → 11.13 mJ (-1.9%)": both in one unit. */
function totalText(before: number, after: number, unit: RunSummary['energyUnit']): string {
  const scale = energyScale(unit, [before, after]);
  return `${si(before / scale.factor, 4)} \u2192 ${si(after / scale.factor, 4)} ${scale.unit} (${formatChange(relativeChange(before, after))})`;
}

/** Standalone SVG (xmlns set, no XML declaration); the same runs always give the same bytes. */
export function renderCompareChart(base: RunSummary, run: CompressedRun): string {
  assertReportable(base);
  assertReportable(run.summary);
  const unit = base.energyUnit;
  const conv = [convEnergy(base), convEnergy(run.summary)] as const;
  const changes = layerChanges(base, run);
  const cr = run.sharing.compressionRatio;
  const what = base.layers.length === 1 ? `${base.model} ${base.layers[0].name}` : base.model;
  const title = xmlSafe(`${what} on ${base.hardware.name}, batch ${base.batch}: energy uncompressed vs Deep k-Means shared`);
  const subtitle = xmlSafe(
    `storage CR (32-bit) ${cr.fixed.toFixed(2)} fixed-length, ${cr.entropy.toFixed(2)} entropy-coded, on-chip CR ${cr.onChip.toFixed(2)}` +
      `${run.sharing.weights.source === 'synthetic' ? ' (synthetic weights)' : ''}; ${base.engine} engine`,
  );

  // A --k plan lists one K per conv layer: too long for a legend, which then just says "K per conv layer".
  const plan = run.sharing.plan.clusterRate !== undefined ? planText(run.sharing) : 'K per conv layer';
  const names = ['uncompressed', `Deep k-Means shared (${plan})`] as const;
  const legendX = [0, SWATCH + 6 + textWidthPx(names[0], TEXT_FONT_PX) + 24];
  const legendWidth = legendX[1] + SWATCH + 6 + textWidthPx(names[1], TEXT_FONT_PX);
  const headerWidth = Math.max(textWidthPx(title, TITLE_FONT_PX, true), textWidthPx(subtitle, TEXT_FONT_PX), legendWidth);
  const labels = changes.map((c) => shortLabel(c.name));
  const rad = (LABEL_ANGLE_DEG * Math.PI) / 180;
  const labelDrop = 10 + Math.max(0, ...labels.map((l) => textWidthPx(l, TICK_FONT_PX))) * Math.sin(rad) + TICK_FONT_PX;
  const convCount = changes.filter((c) => c.kind === 'conv').length;
  const sharedCount = changes.filter((c) => c.shared).length;
  const headings = [
    `whole run: ${totalText(base.totals.energy.total, run.summary.totals.energy.total, unit)}`,
    `conv layers only, ${sharedCount} of ${convCount} shared: ${totalText(conv[0].total, conv[1].total, unit)}`,
  ] as const;
  // Two level panels side by side (the second with its own axis), each as wide as its heading; the layer panel under both.
  const minPanel = Math.max(MIN_PANEL_WIDTH, ...headings.map((h) => Math.ceil(textWidthPx(h, TEXT_FONT_PX, true))));
  const plotWidth = Math.max(2 * minPanel + AXIS_LEFT, changes.length * PX_PER_LAYER, Math.ceil(PAD + headerWidth - AXIS_LEFT));
  const panelWidth = (plotWidth - AXIS_LEFT) / 2;
  const titleY = PAD + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const legendY = subtitleY + 12;
  const levelsTop = legendY + SWATCH + 56; // the panel headings and the value labels over the tallest bars
  const layersTop = levelsTop + LEVELS_HEIGHT + 2 * TICK_FONT_PX + 56; // under the level names and their change
  const width = Math.ceil(AXIS_LEFT + plotWidth + PAD);
  const height = Math.ceil(layersTop + LAYERS_HEIGHT + labelDrop + PAD);

  const frame = chartFrame({ width, height, title, subtitle, left: PAD, titleY, subtitleY });
  const svg = frame.svg;
  const legend = svg.append('g').attr('class', 'legend').attr('transform', `translate(${PAD},${legendY})`);
  names.forEach((name, i) => {
    const item = legend.append('g').attr('class', `legend-item run-${i}`).attr('transform', `translate(${legendX[i]},0)`);
    item.append('rect').attr('width', SWATCH).attr('height', SWATCH).attr('fill', RUN_COLORS[i]);
    item
      .append('text')
      .attr('x', SWATCH + 6)
      .attr('y', SWATCH / 2)
      .attr('dy', '0.35em')
      .attr('font-size', TEXT_FONT_PX)
      .text(name);
  });
  drawLevelsPanel(
    svg.append('g').attr('transform', `translate(${AXIS_LEFT},${levelsTop})`),
    {
      scope: 'run',
      heading: headings[0],
      energy: [base.totals.energy, run.summary.totals.energy],
      energyUnit: unit,
      names,
    },
    panelWidth,
    LEVELS_HEIGHT,
  );
  drawLevelsPanel(
    svg.append('g').attr('transform', `translate(${2 * AXIS_LEFT + panelWidth},${levelsTop})`),
    {
      scope: 'conv',
      heading: headings[1],
      energy: conv,
      energyUnit: unit,
      names,
    },
    panelWidth,
    LEVELS_HEIGHT,
  );
  drawLayersPanel(svg.append('g').attr('transform', `translate(${AXIS_LEFT},${layersTop})`), changes, unit, plotWidth, LAYERS_HEIGHT);
  return frame.serialize();
}
