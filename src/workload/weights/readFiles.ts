// Reading the files of a weights set, every failure as a WeightsFileError naming the file.
import { readFileSync } from 'node:fs';
import { WeightsFileError } from './errors.js';

/** The parsed JSON of `file`; `shape` describes what the file should contain, for the messages. */
export function readJsonFile(file: string, shape: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new WeightsFileError(file, '', `cannot read the weights file (${(e as Error).message})`,
      `check the path; expected ${shape}`);
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    // JSON.parse quotes the text around the error; keep a binary file's bytes out of the message
    const reason = (e as Error).message.replace(/[^\x20-\x7e]/g, '?');
    throw new WeightsFileError(file, '', `not valid JSON (${reason})`,
      `pass the JSON header of the weights, not the binary payload, and correct its syntax; expected ${shape}`);
  }
}

/**
 * The bytes of a binary file that `file` (the JSON the user passed) refers to at `jsonPath`. A read failure is
 * reported against `file`, naming the binary.
 */
export function readBinary(file: string, jsonPath: string, binary: string, fix: string): Uint8Array {
  try {
    return readFileSync(binary);
  } catch (e) {
    throw new WeightsFileError(file, jsonPath, `cannot read its binary weights file "${binary}" (${(e as Error).message})`, fix);
  }
}
