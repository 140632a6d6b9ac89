// IDX files (the format of MNIST and Fashion-MNIST, optionally gzipped): a 4-byte magic number (two zero bytes,
// the element type, the number of dimensions), one big-endian uint32 per dimension, then the elements in
// row-major order. Only unsigned-byte files are read. A file cut short, with bytes left over, or not IDX at
// all is a DatasetError naming the file, never a short or padded read.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DatasetError } from './dataset.js';

export interface IdxArray {
  readonly dims: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Readonly<Record<number, string>> = {
  0x08: 'unsigned byte',
  0x09: 'signed byte',
  0x0b: 'int16',
  0x0c: 'int32',
  0x0d: 'float32',
  0x0e: 'float64',
};
const REFETCH = 'download or install the file again (the Debian package dataset-fashion-mnist, or the original MNIST files)';

const hex = (b: number): string => `0x${b.toString(16).padStart(2, '0')}`;

/** The raw bytes of `file`, gunzipped when they start with the gzip magic. */
function fileBytes(file: string): Uint8Array {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    throw new DatasetError(file, `cannot read the file (${(e as Error).message})`, 'check the path and the permissions');
  }
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return gunzipSync(bytes);
    } catch (e) {
      throw new DatasetError(file, `is not a complete gzip stream (${(e as Error).message})`, REFETCH);
    }
  }
  return bytes;
}

/** Parses IDX bytes; `expectedDims` is the number of dimensions the caller needs and `what` names them. */
export function parseIdx(bytes: Uint8Array, file: string, expectedDims: number, what: string): IdxArray {
  if (bytes.length < 4) throw new DatasetError(file, `is ${bytes.length} bytes long, too short for an IDX header`, REFETCH);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    throw new DatasetError(
      file,
      `is not an IDX file: it starts with ${hex(bytes[0])} ${hex(bytes[1])}, an IDX file with 0x00 0x00`,
      `pass the IDX file itself (${what})`,
    );
  }
  if (bytes[2] !== UNSIGNED_BYTE) {
    throw new DatasetError(
      file,
      `holds ${TYPE_NAMES[bytes[2]] ?? `unknown type ${hex(bytes[2])}`} elements; images and labels must be unsigned bytes (type 0x08)`,
      'use the MNIST-format files, whose elements are bytes',
    );
  }
  const ndims = bytes[3];
  if (ndims !== expectedDims) {
    throw new DatasetError(
      file,
      `has ${ndims} dimensions; ${what} need ${expectedDims}`,
      'check that the image and label files are not swapped',
    );
  }
  const header = 4 + 4 * ndims;
  if (bytes.length < header) throw new DatasetError(file, `is truncated inside its header (${bytes.length} of ${header} bytes)`, REFETCH);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: ndims }, (_, i) => view.getUint32(4 + 4 * i, false));
  const size = dims.reduce((a, b) => a * b, 1);
  const present = bytes.length - header;
  if (present < size) {
    throw new DatasetError(
      file,
      `is truncated: its header announces ${dims.join(' x ')} = ${size} bytes of data, the file holds ${present}`,
      REFETCH,
    );
  }
  if (present > size) {
    throw new DatasetError(file, `has ${present - size} bytes after the ${dims.join(' x ')} = ${size} bytes its header announces`, REFETCH);
  }
  return { dims, data: bytes.subarray(header) };
}

export function readIdx(file: string, expectedDims: number, what: string): IdxArray {
  return parseIdx(fileBytes(file), file, expectedDims, what);
}
