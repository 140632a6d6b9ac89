// The all-or-nothing writer and its record: a reused folder holds exactly the last run's files, and nothing
// dkm-sim did not write (or that was changed since) is ever removed.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { readRecord, RECORD_FILE, sha256 } from '../../src/report/fileRecord.js';
import { writeFileSet } from '../../src/report/fileSet.js';

const roots: string[] = [];
function freshDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dkm-fileset-'));
  roots.push(dir);
  return dir;
}
afterEach(() => {
  vi.restoreAllMocks();
  for (const r of roots.splice(0)) fs.rmSync(r, { recursive: true, force: true });
});

const listing = (dir: string) => fs.readdirSync(dir).sort();
const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
const contents = (dir: string) => Object.fromEntries(listing(dir).map((n) => [n, read(dir, n)]));

describe('writeFileSet into a reused folder', () => {
  it('removes the files the previous run wrote and this one does not, and records what it wrote', () => {
    const dir = freshDir();
    writeFileSet(dir, [
      ['a.csv', 'a1'],
      ['b.svg', 'b1'],
      ['c.json', 'c1'],
    ]);
    writeFileSet(dir, [
      ['a.csv', 'a2'],
      ['d.bin', new Uint8Array([1, 2])],
    ]);
    expect(listing(dir)).toEqual([RECORD_FILE, 'a.csv', 'd.bin']);
    expect(read(dir, 'a.csv')).toBe('a2');
    expect([...readRecord(dir)]).toEqual([
      ['a.csv', sha256('a2')],
      ['d.bin', sha256(new Uint8Array([1, 2]))],
    ]);
  });

  it('never removes a file it did not write: foreign files, recorded files changed since, folders, links', () => {
    const dir = freshDir();
    writeFileSet(dir, [
      ['a.csv', 'a1'],
      ['edited.svg', 'mine'],
      ['gone.json', 'x'],
      ['dir', 'x'],
      ['link', 'x'],
    ]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), "the user's");
    fs.writeFileSync(path.join(dir, 'edited.svg'), 'the user changed it');
    fs.rmSync(path.join(dir, 'gone.json'));
    fs.rmSync(path.join(dir, 'dir'));
    fs.mkdirSync(path.join(dir, 'dir'));
    fs.rmSync(path.join(dir, 'link'));
    fs.symlinkSync('notes.txt', path.join(dir, 'link'));
    writeFileSet(dir, [['a.csv', 'a2']]);
    expect(listing(dir)).toEqual([RECORD_FILE, 'a.csv', 'dir', 'edited.svg', 'link', 'notes.txt']);
    expect(read(dir, 'edited.svg')).toBe('the user changed it');
    expect([...readRecord(dir).keys()]).toEqual(['a.csv']);
  });

  it('ignores record entries that name anything but a plain file of the folder', () => {
    const parent = freshDir();
    const dir = path.join(parent, 'run');
    fs.writeFileSync(path.join(parent, 'outside.txt'), 'x');
    writeFileSet(dir, [['a.csv', 'a']]);
    const hash = sha256('x');
    fs.writeFileSync(
      path.join(dir, RECORD_FILE),
      JSON.stringify({ files: { '../outside.txt': hash, [path.join(parent, 'outside.txt')]: hash, '.': null } }),
    );
    writeFileSet(dir, [['b.csv', 'b']]);
    expect(listing(parent)).toEqual(['outside.txt', 'run']);
    // a.csv is not in the tampered record, so it is not known to be dkm-sim's any more: it stays.
    expect(listing(dir)).toEqual([RECORD_FILE, 'a.csv', 'b.csv']);
    fs.writeFileSync(path.join(dir, RECORD_FILE), 'not JSON');
    expect(() => writeFileSet(dir, [['b.csv', 'b']])).not.toThrow();
    expect(listing(dir)).toEqual([RECORD_FILE, 'a.csv', 'b.csv']);
  });

  it("keeps and records files the run owns without rewriting them; a grown file is the run's whatever its bytes", () => {
    const dir = freshDir();
    writeFileSet(dir, [
      ['in.json', 'weights'],
      ['log.jsonl', 'row 0\n'],
      ['old.svg', 'o'],
    ]);
    writeFileSet(
      dir,
      [
        ['head.json', 'h'],
        ['log.jsonl', 'row 0\n'],
      ],
      { keep: ['in.json'], growing: ['log.jsonl'] },
    );
    fs.appendFileSync(path.join(dir, 'log.jsonl'), 'row 1\n');
    expect(listing(dir)).toEqual([RECORD_FILE, 'head.json', 'in.json', 'log.jsonl']);
    expect([...readRecord(dir)]).toEqual([
      ['head.json', sha256('h')],
      ['log.jsonl', null],
      ['in.json', sha256('weights')],
    ]);
    // The next run that neither writes nor keeps them takes out the kept file and the grown log.
    writeFileSet(dir, [['head.json', 'h']]);
    expect(listing(dir)).toEqual([RECORD_FILE, 'head.json']);
  });

  it('writes the same bytes for the same files', () => {
    const [a, b] = [freshDir(), freshDir()];
    for (const dir of [a, b])
      writeFileSet(dir, [
        ['x.csv', 'x'],
        ['y.svg', 'y'],
      ]);
    expect(contents(a)).toEqual(contents(b));
  });

  it('leaves the previous run as it was (stale files included) when the write fails part-way', () => {
    const dir = freshDir();
    writeFileSet(dir, [
      ['a.csv', 'a1'],
      ['b.svg', 'b1'],
      ['c.json', 'c1'],
    ]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'n');
    const before = contents(dir);
    const rename = fs.renameSync;
    for (const failAt of [1, 2, 3, 4]) {
      let calls = 0;
      vi.spyOn(fs, 'renameSync').mockImplementation((from, to) => {
        if (++calls === failAt) throw new Error('disk full (simulated)');
        rename(from, to);
      });
      // 1-2: the new files; 3: taking out the stale c.json; 4: the record.
      expect(() =>
        writeFileSet(dir, [
          ['a.csv', 'a2'],
          ['b.svg', 'b2'],
        ]),
      ).toThrow('disk full (simulated)');
      vi.restoreAllMocks();
      expect(contents(dir), `rename ${failAt} failed`).toEqual(before);
    }
  });
});
