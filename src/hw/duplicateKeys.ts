// JSON.parse keeps the last of two equal keys in one object; a hardware file whose "clockMHz" appears twice
// would silently lose the first value. This scan of valid JSON text finds the first key repeated within
// one object, with its dotted path and where the repeat is written.

export interface DuplicateKey {
  /** Dotted path of the repeated key (`glb.banks`, `energy.rf.ifmap.read`; `a[2].b` inside arrays). */
  readonly path: string;
  /** Character offset of the repeat in the text. */
  readonly position: number;
}

interface Frame {
  readonly keys: Set<string> | null; // null: an array
  readonly path: string;
  index: number;
  /** The last key read in this object (its value comes next). */
  key: string | null;
}

/** The first repeated key of `text`, which must be valid JSON, or null. */
export function findDuplicateKey(text: string): DuplicateKey | null {
  const stack: Frame[] = [];
  const childPath = (): string => {
    const top = stack[stack.length - 1];
    if (!top) return '';
    if (top.keys === null) return `${top.path}[${top.index}]`;
    return top.path === '' ? (top.key ?? '') : `${top.path}.${top.key ?? ''}`;
  };
  let expectKey = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      if (expectKey && top?.keys) {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return { path: top.path === '' ? key : `${top.path}.${key}`, position: i };
        top.keys.add(key);
        top.key = key;
        expectKey = false;
      }
      i = j;
    } else if (ch === '{' || ch === '[') {
      stack.push({ keys: ch === '{' ? new Set() : null, path: childPath(), index: 0, key: null });
      expectKey = ch === '{';
    } else if (ch === '}' || ch === ']') {
      stack.pop();
    } else if (ch === ',') {
      const top = stack[stack.length - 1];
      if (top?.keys) expectKey = true;
      else if (top) top.index++;
    }
  }
  return null;
}
