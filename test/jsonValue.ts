// JSON in the tests. A file the program wrote is read as the type its writer gives it (readJson, parseAs: src's
// own record types, so that every field a test reads is checked against them). Otherwise, JSON is held as a Json
// value: an input file edited into a bad (or just a different) one, or a file whose layout only its writer knows. JSON.parse gives `any`, which lets a typo or a
// stale field pass unseen; a Json value is what JSON can hold, and the accessors below walk it, each throwing
// (so failing the test) with the path where the file is not what the test expects.

import fs from 'node:fs';

export type Json = null | boolean | number | string | Json[] | JsonObject;

export interface JsonObject {
  [key: string]: Json;
}

/** A JSON text can hold nothing but Json values. */
export const parseJson = (text: string): Json => JSON.parse(text) as Json;

/**
 * `text` as a `T`. Not validated: the type is what the writer promises, and the test's expectations check the
 * values; a field the writer does not write shows as a type error here rather than as undefined at run time.
 */
export const parseAs = <T>(text: string): T => JSON.parse(text) as T;

/** The file's JSON as a `T` (see parseAs). */
export const readJson = <T>(file: string): T => parseAs<T>(fs.readFileSync(file, 'utf8'));

type Key = string | number;

const isObject = (value: Json): value is JsonObject => value !== null && typeof value === 'object' && !Array.isArray(value);

/** `$.glb.bypass[0]` for ['glb', 'bypass', 0]. */
const pathText = (path: readonly Key[]): string => `$${path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${k}`)).join('')}`;

/** The value at `path` (object keys, array indices) inside `json`; `json` itself for an empty path. */
export function jsonAt(json: Json, ...path: Key[]): Json {
  let value = json;
  for (const [i, key] of path.entries()) {
    // Own keys only: a key such as `constructor` is no field of the file. An index past the end reads undefined.
    const next: Json | undefined =
      typeof key === 'number'
        ? Array.isArray(value)
          ? value[key]
          : undefined
        : isObject(value) && Object.hasOwn(value, key)
          ? value[key]
          : undefined;
    if (next === undefined) throw new Error(`no JSON value at ${pathText(path.slice(0, i + 1))}`);
    value = next;
  }
  return value;
}

function narrowed<T extends Json>(json: Json, path: readonly Key[], is: (value: Json) => value is T, what: string): T {
  const value = jsonAt(json, ...path);
  if (!is(value)) throw new Error(`expected ${what} at ${pathText(path)}, got ${JSON.stringify(value)}`);
  return value;
}

export const objectAt = (json: Json, ...path: Key[]): JsonObject => narrowed(json, path, isObject, 'an object');
export const arrayAt = (json: Json, ...path: Key[]): Json[] => narrowed(json, path, (v) => Array.isArray(v), 'an array');
export const numberAt = (json: Json, ...path: Key[]): number => narrowed(json, path, (v) => typeof v === 'number', 'a number');
export const stringAt = (json: Json, ...path: Key[]): string => narrowed(json, path, (v) => typeof v === 'string', 'a string');
