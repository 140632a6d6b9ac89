// Labelled image sets as plain data, and the one error of reading them: a DatasetError names the file (or the
// data set), what is wrong and the fix, and nothing is returned when it is thrown.

export interface LabelledImages {
  /** count x height x width x channels values in [0, 1], NHWC. */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

export interface Dataset {
  readonly name: string;
  /** Where the images came from (a package or a directory), for the reports. */
  readonly source: string;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
  readonly classes: number;
  readonly train: LabelledImages;
  readonly test: LabelledImages;
}

export class DatasetError extends Error {
  override readonly name = 'DatasetError';

  constructor(
    readonly file: string,
    problem: string,
    fix: string,
  ) {
    super(`${file}: ${problem}. Fix: ${fix}.`);
  }
}

/** The first `count` images of a set (all of them when count is undefined or larger). */
export function firstImages(set: LabelledImages, count: number | undefined): LabelledImages {
  const n = count === undefined ? set.labels.length : Math.min(count, set.labels.length);
  const pixels = set.images.length / Math.max(1, set.labels.length);
  return { images: set.images.subarray(0, n * pixels), labels: set.labels.subarray(0, n) };
}
