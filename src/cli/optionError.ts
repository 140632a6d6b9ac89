// The error of a bad option value or combination: main.ts reports it like the other input errors (exit 2).
export class OptionError extends Error {
  override readonly name = 'OptionError';
}
