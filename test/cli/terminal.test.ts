// What the terminal allows: colour only on a terminal without NO_COLOR, its width, a status line rewritten in
// place and cut to the width, nothing of it on a pipe.
import { describe, expect, it } from 'vitest';
import { statusLine, terminalWidth, useColor } from '../../src/cli/terminal.js';

const tty = (columns?: number) => {
  const written: string[] = [];
  return { isTTY: true, columns, write: (s: string) => written.push(s) > 0, written } as unknown as NodeJS.WriteStream & {
    written: string[];
  };
};

describe('useColor', () => {
  it('colours a terminal unless NO_COLOR is set to anything but the empty string', () => {
    expect(useColor({ isTTY: true }, {})).toBe(true);
    expect(useColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: 'false' })).toBe(false);
    expect(useColor({ isTTY: true }, { NO_COLOR: '' })).toBe(true);
    expect(useColor({ isTTY: false }, {})).toBe(false);
    expect(useColor({}, {})).toBe(false);
  });
});

describe('terminalWidth', () => {
  it('is the columns of a terminal ($COLUMNS when it reports none), nothing for a pipe or a file', () => {
    expect(terminalWidth({ isTTY: true, columns: 120 }, { COLUMNS: '80' })).toBe(120);
    expect(terminalWidth({ isTTY: true, columns: 0 }, { COLUMNS: '80' })).toBe(80);
    expect(terminalWidth({ isTTY: false, columns: 120 }, { COLUMNS: '80' })).toBeUndefined();
    expect(terminalWidth({ isTTY: true }, {})).toBeUndefined();
    expect(terminalWidth({ isTTY: true }, { COLUMNS: 'wide' })).toBeUndefined();
  });
});

describe('statusLine', () => {
  it('rewrites one line in place, cut to the terminal, and clears it', () => {
    const out = tty(20);
    const status = statusLine(true, out);
    status.show('k-means 1/53 conv1');
    status.show('k-means 2/53 layer1.0.conv1');
    status.clear();
    status.clear();
    expect(out.written).toEqual(['\rk-means 1/53 conv1\x1b[K', '\rk-means 2/53 layer\u2026\x1b[K', '\r\x1b[K']);
  });

  it('prints nothing when disabled (--json) or not on a terminal', () => {
    const off = tty(80);
    statusLine(false, off).show('x');
    const pipe = { ...tty(80), isTTY: false } as unknown as NodeJS.WriteStream & { written: string[] };
    statusLine(true, pipe).show('x');
    expect([off.written, pipe.written]).toEqual([[], []]);
  });
});
