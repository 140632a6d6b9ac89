// The frame every SVG chart of the project shares: a white page with an accessible title, the bold title
// line and the grey subtitle line; the chart draws the rest into `svg` and serializes through the frame.
import * as d3 from 'd3';
import { D3Node } from 'd3-node';
import { FONT_FAMILY, TEXT_FONT_PX, TITLE_FONT_PX } from './chartLayout.js';

export type Svg = d3.Selection<SVGSVGElement, unknown, null, undefined>;
export type Group = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface FrameSpec {
  readonly width: number;
  readonly height: number;
  readonly title: string;
  readonly subtitle: string;
  /** x of the title lines and baselines of the two lines, in px. */
  readonly left: number;
  readonly titleY: number;
  readonly subtitleY: number;
}

export interface ChartFrame {
  readonly svg: Svg;
  serialize(): string;
}

export function chartFrame(f: FrameSpec): ChartFrame {
  const d3n = new D3Node({ d3Module: d3 });
  const svg = d3n.createSVG(f.width, f.height, { viewBox: `0 0 ${f.width} ${f.height}`, role: 'img', 'font-family': FONT_FAMILY });
  svg.append('title').text(f.title);
  svg.append('rect').attr('class', 'background').attr('width', f.width).attr('height', f.height).attr('fill', '#fff');
  svg
    .append('text')
    .attr('class', 'title')
    .attr('x', f.left)
    .attr('y', f.titleY)
    .attr('font-size', TITLE_FONT_PX)
    .attr('font-weight', 'bold')
    .text(f.title);
  svg
    .append('text')
    .attr('class', 'subtitle')
    .attr('x', f.left)
    .attr('y', f.subtitleY)
    .attr('font-size', TEXT_FONT_PX)
    .attr('fill', '#444')
    .text(f.subtitle);
  return { svg, serialize: () => new d3n.window.XMLSerializer().serializeToString(svg.node() as SVGSVGElement) };
}

/** The y axis title, turned to run up beside the axis: `offsetPx` left of the plot, centred on its height. */
export function appendYTitle(
  plot: Group,
  text: string,
  o: { readonly offsetPx: number; readonly plotHeightPx: number; readonly fill?: string },
): void {
  const title = plot
    .append('text')
    .attr('class', 'y-title')
    .attr('transform', `translate(-${o.offsetPx},${o.plotHeightPx / 2}) rotate(-90)`)
    .attr('text-anchor', 'middle')
    .attr('font-size', TEXT_FONT_PX);
  if (o.fill !== undefined) title.attr('fill', o.fill);
  title.text(text);
}
