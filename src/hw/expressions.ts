// Evaluation of expression fields with mathjs. Each string field is parsed once, its references to other
// fields (dotted paths such as `energy.mac`) are found in the syntax tree, and fields are evaluated once each
// in dependency order; a reference sees the referenced field's final value as a plain number in that field's
// own unit. Quantities with units ("108 KiB") are converted to the field's unit here.
import { createRequire } from 'node:module';
import type { MathJsInstance, MathNode } from 'mathjs';
import { closest } from './suggest.js';
import { issue, type HardwareIssue } from './errors.js';

let instance: MathJsInstance | undefined;

/**
 * mathjs, loaded on the first expression, so that a command that parses none (`--help`, worker threads given an
 * evaluated spec) does not pay for it. Its single-file bundle: the package's main entry requires some 1,000
 * modules, 0.4-0.5 s of start-up in every process and test file that loads a hardware file, the bundle 0.05 s;
 * its default instance is the full mathjs, which this file only reads (no imports, units or config of its own).
 * `require` keeps the hardware loader synchronous.
 */
function getMath(): MathJsInstance {
  instance ??= createRequire(import.meta.url)('mathjs/lib/browser/math.js') as MathJsInstance;
  return instance;
}

export type RawNumber = number | string;

export interface Evaluated {
  readonly values: ReadonlyMap<string, number>;
  readonly issues: readonly HardwareIssue[];
}

/** What a field accepts: the unit a quantity converts to, and its rule on the final number. */
export interface FieldTarget {
  readonly unit?: string;
  /** Without a unit: why the field takes plain numbers only. */
  readonly plainBecause?: string;
  /** The value as stored (e.g. snapped to an integer), or undefined when it breaks the field's rule. */
  readonly conform: (value: number) => number | undefined;
  /** Completes "expected ..." when `conform` refuses a value. */
  readonly expected: string;
}

interface Parsed {
  readonly source: string;
  readonly node: MathNode;
  readonly references: readonly string[];
}

const VALID = 'a mathjs expression such as "6 * energy.mac", "4 * 60 / clockMHz" or "108 KiB"';

/** The dotted path a node spells (`energy.rf.ifmap.read`), or undefined if it is not a plain path. */
function dottedPath(node: MathNode): string | undefined {
  const math = getMath();
  if (math.isSymbolNode(node)) return node.name;
  if (!math.isAccessorNode(node) || !math.isIndexNode(node.index) || !node.index.dotNotation) return undefined;
  const base = dottedPath(node.object);
  const key = node.index.dimensions[0];
  return base !== undefined && math.isConstantNode(key) ? `${base}.${String(key.value)}` : undefined;
}

/** Every maximal dotted path in the tree (`glb.capacityBytes`, not also `glb`), and function names. */
function pathsIn(root: MathNode): string[] {
  const math = getMath();
  const paths: string[] = [];
  root.traverse((node, _path, parent) => {
    const path = dottedPath(node);
    const extended = parent !== null && math.isAccessorNode(parent) && parent.object === node && dottedPath(parent);
    if (path !== undefined && !extended) paths.push(path);
  });
  return paths;
}

// mathjs has no "KB" (MB, GB are SI); a designer writing "108 KB" may mean either of these.
const KB_HINT = 'KiB (1024 bytes) or kB (1000 bytes)';

const knownToMath = (name: string): boolean => name in getMath() || getMath().Unit.isValuelessUnit(name);

class ExpressionProblem extends Error {
  constructor(readonly problem: HardwareIssue) {
    super(problem.text);
  }
}

/** Why `ref` cannot be used in an expression, if it cannot: neither a numeric field nor known to mathjs. */
function referenceProblem(ref: string, candidates: readonly string[]): { expected: string; got: string } | undefined {
  const root = ref.split('.')[0];
  if (candidates.includes(ref)) return undefined;
  if (!candidates.some((p) => p.split('.')[0] === root) && knownToMath(root)) return undefined;
  const inside = candidates.filter((p) => p.startsWith(`${ref}.`));
  if (inside.length > 0) {
    return {
      expected: `a reference to a single number, e.g. ${inside.slice(0, 2).join(' or ')}`,
      got: `where ${ref} is a group of fields`,
    };
  }
  const hint = ref === 'KB' ? KB_HINT : closest(ref, candidates);
  return {
    expected: hint ? `an existing field or unit (did you mean ${hint}?)` : 'references to existing numeric fields, functions or units only',
    got: `which refers to ${ref}, not a field of this file nor a mathjs function or unit`,
  };
}

function parse(path: string, source: string, fields: ReadonlyMap<string, RawNumber>): Parsed {
  const math = getMath();
  const quoted = JSON.stringify(source);
  if (source.trim() === '') throw new ExpressionProblem(issue(path, VALID, 'an empty string'));
  let node: MathNode;
  try {
    node = math.parse(source);
  } catch (error) {
    throw new ExpressionProblem(issue(path, VALID, `${quoted}, which mathjs cannot parse: ${(error as Error).message}`));
  }
  if (node.filter((n) => math.isAssignmentNode(n) || math.isFunctionAssignmentNode(n)).length > 0) {
    throw new ExpressionProblem(issue(path, `${VALID}, without assignments`, quoted));
  }
  const candidates = [...fields.keys()];
  const references = pathsIn(node).filter((ref) => {
    const problem = referenceProblem(ref, candidates);
    if (problem) throw new ExpressionProblem(issue(path, problem.expected, `${quoted}, ${problem.got}`));
    return fields.has(ref);
  });
  return { source, node, references };
}

/** The field's final value from what mathjs returned, or a problem. */
function toNumber(path: string, parsed: Parsed, result: unknown, target: FieldTarget): number {
  const math = getMath();
  const from = `(from ${JSON.stringify(parsed.source)})`;
  let value = result;
  if (math.isBigNumber(value) || math.isFraction(value)) value = math.number(value);
  if (math.isUnit(value)) {
    const quantity = value.toString();
    if (target.unit === undefined) {
      const expected = `a plain number (${target.plainBecause ?? 'this field has no unit'})`;
      throw new ExpressionProblem(issue(path, expected, `${quantity} ${from}`));
    }
    try {
      value = value.toNumber(target.unit);
    } catch {
      const expected = `a plain number or a quantity convertible to ${target.unit}`;
      throw new ExpressionProblem(issue(path, expected, `${quantity} ${from}, which is not convertible to ${target.unit}`));
    }
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const got = typeof value === 'number' ? String(value) : `a ${math.typeOf(value)}`;
    throw new ExpressionProblem(issue(path, 'a finite real number', `${got} ${from}`));
  }
  const final = target.conform(value);
  if (final === undefined) throw new ExpressionProblem(issue(path, target.expected, `${value} ${from}`));
  return final;
}

function setPath(scope: Record<string, unknown>, path: string, value: number): void {
  const keys = path.split('.');
  let node = scope;
  for (const key of keys.slice(0, -1)) node = (node[key] ??= {}) as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/**
 * Evaluate every field of `fields` (keyed by dotted path): strings as expressions, each once, after the fields
 * they reference, so a reference sees the referenced field's final value. Fields that cannot be evaluated, or
 * that depend on such a field, are missing from `values`; each root problem is reported once.
 */
export function evaluateFields(fields: ReadonlyMap<string, RawNumber>, targetOf: (path: string) => FieldTarget): Evaluated {
  const values = new Map<string, number>();
  const issues: HardwareIssue[] = [];
  const failed = new Set<string>();
  const parsed = new Map<string, Parsed>();
  const scope: Record<string, unknown> = {};
  const stack: string[] = [];
  const accept = (path: string, value: number): void => {
    values.set(path, value);
    setPath(scope, path, value);
  };

  for (const [path, raw] of fields) {
    try {
      if (typeof raw === 'number') {
        const target = targetOf(path);
        const value = target.conform(raw);
        if (value === undefined) throw new ExpressionProblem(issue(path, target.expected, String(raw)));
        accept(path, value);
      } else {
        parsed.set(path, parse(path, raw, fields));
      }
    } catch (error) {
      if (!(error instanceof ExpressionProblem)) throw error;
      issues.push(error.problem);
      failed.add(path);
    }
  }

  const visit = (path: string): boolean => {
    if (values.has(path)) return true;
    if (failed.has(path)) return false;
    const cycleStart = stack.indexOf(path);
    if (cycleStart >= 0) {
      const cycle = [...stack.slice(cycleStart), path].join(' -> ');
      issues.push(issue(path, 'expressions without a cycle: give one of these fields a number', `the cycle ${cycle}`));
      return false;
    }
    const expression = parsed.get(path)!;
    stack.push(path);
    const ready = expression.references.map(visit).every(Boolean);
    stack.pop();
    if (!ready) {
      failed.add(path);
      return false;
    }
    try {
      const result: unknown = expression.node.evaluate(scope);
      accept(path, toNumber(path, expression, result, targetOf(path)));
      return true;
    } catch (error) {
      const problem =
        error instanceof ExpressionProblem
          ? error.problem
          : issue(path, VALID, `${JSON.stringify(expression.source)}, which fails to evaluate: ${(error as Error).message}`);
      issues.push(problem);
      failed.add(path);
      return false;
    }
  };

  for (const path of parsed.keys()) visit(path);
  return { values, issues };
}
