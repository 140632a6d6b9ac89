// Reading the files of a weights set, every failure as a WeightsFileError naming the file.
import { readFileSync } from 'node:fs';
import { readJsonFile as readJson } from '../../hw/json.js';
import { WeightsFileError, weightsError } from './errors.js';

/**
 * The parsed JSON of `file`; `shape` describes what the file should contain, for the messages. A syntax error
 * is told by line and column, as in every input file.
 */
export function readJsonFile(file: string, shape: string): unknown {
  const readable = `a readable weights file: ${shape}`;
  const parsed = readJson(file, readable);
  if (parsed.ok) return parsed.value;
  // JSON.parse quotes the text around an error; keep a binary file's bytes out of the message.
  const text = parsed.issue.text.replace(/[^\x20-\x7e]/g, '?');
  const hint = parsed.issue.expected === readable ? '' : ' (pass the JSON header of the weights, not their binary payload)';
  throw new WeightsFileError(file, { ...parsed.issue, text: `${text}${hint}` });
}

/**
 * The bytes of a binary file that `file` (the JSON the user passed) refers to at `jsonPath`. A read failure is
 * reported against `file`, naming the binary; `expected` says where the binary should be.
 */
export function readBinary(file: string, jsonPath: string, binary: string, expected: string): Uint8Array {
  try {
    return readFileSync(binary);
  } catch (e) {
    throw weightsError(
      file,
      jsonPath,
      expected,
      `no readable binary weights file "${binary}" (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
}
