// Parses SVG text as XML (through d3-node's jsdom window) so tests can query it like a browser would.
import { D3Node } from 'd3-node';

export function parseSvg(text: string): Document {
  const window = new D3Node().window;
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return doc;
}
