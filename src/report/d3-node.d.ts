// Minimal typings for d3-node 4 (the package ships none): only what src/report uses.
declare module 'd3-node' {
  import type { Selection } from 'd3';

  export interface D3NodeOptions {
    readonly d3Module?: unknown;
    readonly selector?: string;
    readonly container?: string;
    readonly styles?: string;
  }

  export class D3Node {
    constructor(options?: D3NodeOptions);
    readonly document: Document;
    readonly window: Window & typeof globalThis;
    createSVG(
      width?: number,
      height?: number,
      attrs?: Readonly<Record<string, string | number>>,
    ): Selection<SVGSVGElement, unknown, null, undefined>;
    svgString(): string;
  }
}
