// Parses SVG text as XML, or a page as HTML (through d3-node's jsdom window), so tests can query them like a browser would.
import { D3Node } from 'd3-node';

export function parseSvg(text: string): Document {
  const window = new D3Node().window;
  const doc = new window.DOMParser().parseFromString(text, 'image/svg+xml');
  const error = doc.getElementsByTagName('parsererror')[0];
  if (error) throw new Error(`not well-formed XML: ${error.textContent ?? ''}`);
  return doc;
}

/** Parses an HTML page as a browser would (jsdom's HTML parser: inline SVG becomes SVG elements). */
export function parseHtml(text: string): Document {
  const window = new D3Node().window;
  return new window.DOMParser().parseFromString(text, 'text/html');
}
