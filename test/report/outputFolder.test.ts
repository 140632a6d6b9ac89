import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkOutputFolder, makeFolder, OutputFolderError } from '../../src/report/outputFolder.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-outfolder-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const file = path.join(tmp, 'a-file.txt');
fs.writeFileSync(file, 'x');
const dangling = path.join(tmp, 'dangling');
fs.symlinkSync(path.join(tmp, 'nowhere'), dangling);

describe('checkOutputFolder', () => {
  it.each([
    ['', /empty path/],
    [file, /is not a folder/],
    [path.join(file, 'below'), /a-file\.txt is a file, not a folder/],
    [dangling, /symbolic link to nothing/],
    [path.join(dangling, 'below'), /symbolic link to nothing/],
    ['/dev/null', /is not a folder/],
    // fs.mkdirSync(..., { recursive: true }) never returns on this path; the check must answer at once.
    ['/proc/dkm-sim-out/run', /cannot create files in \/proc/],
  ])('refuses %j, naming the option and the problem', (dir, why) => {
    expect(() => checkOutputFolder(dir, '--out')).toThrow(OutputFolderError);
    expect(() => checkOutputFolder(dir, '--out')).toThrow(why);
    expect(() => checkOutputFolder(dir, '--out')).toThrow(/^--out /);
  });

  it('accepts a new nested folder without creating anything, and an existing folder', () => {
    const before = fs.readdirSync(tmp).sort();
    expect(() => checkOutputFolder(path.join(tmp, 'new', 'deeper'))).not.toThrow();
    expect(() => checkOutputFolder(tmp)).not.toThrow();
    expect(fs.readdirSync(tmp).sort()).toEqual(before);
  });
});

describe('makeFolder', () => {
  it('creates the missing folders one by one and names the first it created', () => {
    const target = path.join(tmp, 'made', 'x', 'y');
    expect(makeFolder(target)).toBe(path.join(tmp, 'made'));
    expect(fs.statSync(target).isDirectory()).toBe(true);
    expect(makeFolder(target)).toBeUndefined();
  });
});
