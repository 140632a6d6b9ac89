// What the Deep k-Means paper validated its energy metric on (Wu et al., ICML 2018, sec. 3): the conv layers
// of AlexNet and GoogLeNet v1 at these cluster rates, against the Eyeriss energy estimation tool, with these
// R^2. `dkm-sim validate` repeats the experiment against this project's cycle-level simulator.

export interface ValidationModel {
  /** Zoo name. */
  readonly model: string;
  /** Cluster rates K/N, every conv layer (the first included) at the same rate. */
  readonly rates: readonly number[];
  /** R^2 the paper reports for this model. */
  readonly paperR2: number;
}

export const PAPER_MODELS: readonly ValidationModel[] = [
  { model: 'alexnet', rates: [0.5, 0.3, 0.25, 0.2, 0.15, 0.1, 0.05, 0.01], paperR2: 0.9931 },
  { model: 'googlenet', rates: [0.33, 0.18, 0.05, 0.012], paperR2: 0.9675 },
];

/**
 * k-means settings of the validation: k-means++ seeding and 2 Lloyd steps (the library default is 300), to keep
 * the command under a minute on a 2-core machine (measured 55 s; 65 s with 4 steps, 72 s with 20). The simulated
 * energy depends only on which rows share a centroid, and R^2 hardly moves with the cap (measured: AlexNet
 * 0.4372 / 0.4297 / 0.4409 and GoogLeNet 0.9438 / 0.9447 / 0.9440 at 2 / 4 / 20 steps; the large-K runs converge
 * in 6 to 57 steps). Seeds as in the authors' code: conv layer i uses 1000 + i.
 */
export const VALIDATION_KMEANS = Object.freeze({ maxIterations: 2, seedBase: 1000 });
