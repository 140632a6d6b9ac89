// JSON read by the tests: a file the program wrote, as the type its writer gives it (src's own record types,
// so that every field a test reads is checked against them), or a file to edit by hand as plain JSON values.
import fs from 'node:fs';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export type JsonObject = { [key: string]: JsonValue };

/**
 * `text` as a `T`. Not validated: the type is what the writer promises, and the test's expectations check the
 * values; a field the writer does not write shows as a type error here rather than as undefined at run time.
 */
export const parseJson = <T>(text: string): T => JSON.parse(text) as T;

/** The file's JSON as a `T` (see parseJson). */
export const readJson = <T>(file: string): T => parseJson<T>(fs.readFileSync(file, 'utf8'));
