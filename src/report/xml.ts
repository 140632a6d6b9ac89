// Text the reports put into SVG, made writable by the XML serializer.

/** Replaces what the XML serializer may not write as is: C0 controls other than tab/newline, and lone surrogates. */
export function xmlSafe(text: string): string {
  return text.replace(
    // The control characters are the point of this pattern.
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g,
    '\uFFFD',
  );
}
