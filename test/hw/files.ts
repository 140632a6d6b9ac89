// Test helpers: hardware files written to a fresh temp dir, and the shipped Eyeriss file as a mutable object.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect } from 'vitest';
import { HardwareFileError, loadHardware } from '../../src/hw/load.js';
import { objectAt, parseJson, type JsonObject } from '../jsonValue.js';

export const shippedFile = (name: string): string => fileURLToPath(new URL(`../../hardware/${name}`, import.meta.url));

const dir = mkdtempSync(join(tmpdir(), 'dkm-hw-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

export function writeHardware(name: string, content: string | object): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  return file;
}

/** A deep copy of hardware/eyeriss.json, to edit into a bad (or different) file. */
export const eyerissJson = (): JsonObject => objectAt(parseJson(readFileSync(shippedFile('eyeriss.json'), 'utf8')));

/** A file with only the required fields. */
export const minimalJson = (): JsonObject => ({
  name: 'tiny',
  peArray: { rows: 2, cols: 3 },
  rf: { ifmapWords: 4, filterWords: 8, psumWords: 2 },
  glb: { capacityBytes: 1024 },
  dram: { wordsPerCycle: 1 },
  energy: { unit: 'MAC', mac: 1, rf: 1, nocTransfer: 2, glb: 6, dram: 200 },
});

/** Loads `content` expecting a HardwareFileError, and checks that it names the file, the path and a fix. */
export function expectFileError(name: string, content: string | object, jsonPath: string): HardwareFileError {
  const file = writeHardware(name, content);
  let caught: unknown;
  try {
    loadHardware(file);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(HardwareFileError);
  const error = caught as HardwareFileError;
  expect(error.file).toBe(file);
  expect(error.issues.map((i) => i.jsonPath)).toContain(jsonPath);
  const line = error.message.split('\n').find((l) => l.startsWith(`${file}: ${jsonPath}: `));
  expect(line, error.message).toBeDefined();
  expect(error.expected.length).toBeGreaterThan(0);
  return error;
}
