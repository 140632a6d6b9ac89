// Errors across the thread boundary. Structured cloning keeps an error's message but not its class nor its
// fields, and the CLI tells input errors (exit 2) from bugs (exit 1) by class: a worker sends its error as
// plain data and the calling thread builds the same error again.
import { NoLegalMappingError } from '../mapping/legality.js';
import { ResultRangeError } from './resultRange.js';

export interface PlainError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** The error's own fields (e.g. NoLegalMappingError's layer, constraint, hardwareFile). */
  readonly fields: Readonly<Record<string, unknown>>;
}

export function toPlainError(err: unknown): PlainError {
  if (!(err instanceof Error)) return { name: 'Error', message: String(err), fields: {} };
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(err)) {
    if (value === null || ['string', 'number', 'boolean', 'undefined'].includes(typeof value)) fields[key] = value;
  }
  return { name: err.name, message: err.message, stack: err.stack, fields };
}

/** The error again, of its own class where the project has one that callers test for. */
export function fromPlainError(plain: PlainError): Error {
  const f = plain.fields;
  const err =
    plain.name === 'NoLegalMappingError' && typeof f.layer === 'string' && typeof f.constraint === 'string'
      ? new NoLegalMappingError(f.layer, f.constraint, typeof f.hardwareFile === 'string' ? f.hardwareFile : undefined)
      : plain.name === 'ResultRangeError'
        ? new ResultRangeError(plain.message)
        : Object.assign(new Error(plain.message), f, { name: plain.name });
  // The worker's stack says where it failed; the calling thread's would only point at the pool.
  if (plain.stack) err.stack = plain.stack;
  return err;
}
