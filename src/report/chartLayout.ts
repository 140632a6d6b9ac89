// Sizes and margins of the energy chart, derived from the number of layers and estimated text widths.
import { shortenMiddle } from './shorten.js';

export const FONT_FAMILY = 'Helvetica, Arial, sans-serif';
export const TITLE_FONT_PX = 15;
export const TEXT_FONT_PX = 12;
export const TICK_FONT_PX = 10;
export const LABEL_ANGLE_DEG = 60; // x labels are turned this far counter-clockwise
export const MAX_LABEL_CHARS = 28;

const PX_PER_LAYER = 18;
const MIN_PLOT_WIDTH = 520;
const PLOT_HEIGHT = 360;
const PAD = 16;
const LEGEND_ROW_PX = 20;

export interface ChartLayout {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
  readonly plotWidth: number;
  readonly plotHeight: number;
  readonly titleY: number;
  readonly subtitleY: number;
  readonly legendY: number;
  /** Baseline of the x-axis title, below the turned layer labels. */
  readonly xTitleY: number;
}

/** A generous estimate of the rendered width of `text` in a proportional sans-serif font. */
export function textWidthPx(text: string, fontPx: number, bold = false): number {
  return text.length * fontPx * (bold ? 0.64 : 0.58);
}

/** Layer names longer than MAX_LABEL_CHARS keep their head and tail around an ellipsis. */
export function shortLabel(name: string): string {
  return shortenMiddle(name, MAX_LABEL_CHARS);
}

export function layoutChart(layerLabels: readonly string[], title: string, subtitle: string, legendWidth: number): ChartLayout {
  const n = Math.max(layerLabels.length, 1);
  const rad = (LABEL_ANGLE_DEG * Math.PI) / 180;
  const longest = Math.max(0, ...layerLabels.map((l) => textWidthPx(l, TICK_FONT_PX)));
  const labelDrop = 10 + longest * Math.sin(rad) + TICK_FONT_PX;

  const titleY = PAD + TITLE_FONT_PX;
  const subtitleY = titleY + TEXT_FONT_PX + 8;
  const legendY = subtitleY + 12;
  const top = legendY + LEGEND_ROW_PX + 14;

  const axisLeft = 76; // tick labels like "1.25G" plus the turned axis title
  let plotWidth = Math.max(MIN_PLOT_WIDTH, n * PX_PER_LAYER);
  // The first label hangs to the left of its bar; keep it inside the picture.
  const firstLabel = layerLabels.length > 0 ? textWidthPx(layerLabels[0], TICK_FONT_PX) * Math.cos(rad) : 0;
  const left = Math.max(axisLeft, PAD + firstLabel - plotWidth / n / 2 + TICK_FONT_PX);
  const right = PAD + 8;
  const headerWidth = Math.max(textWidthPx(title, TITLE_FONT_PX, true), textWidthPx(subtitle, TEXT_FONT_PX), legendWidth);
  plotWidth = Math.max(plotWidth, PAD + headerWidth - left);

  const plotHeight = PLOT_HEIGHT;
  const xTitleY = top + plotHeight + labelDrop + TEXT_FONT_PX + 4;
  const height = xTitleY + PAD;
  const width = left + plotWidth + right;
  return { width: Math.ceil(width), height: Math.ceil(height), left, top, plotWidth, plotHeight, titleY, subtitleY, legendY, xTitleY };
}
