// Types of probeTask.mjs (plain JavaScript, so that worker threads import it as it is).
export interface ProbeInput {
  readonly moduleUrl: string;
  readonly exportName: string;
  readonly input: unknown;
}
export interface ProbeResult<Out = unknown> {
  readonly threadId: number;
  readonly mathjsLoaded: boolean;
  readonly value: Out;
}
export function probe(job: ProbeInput): Promise<ProbeResult>;

export interface WaitInput {
  readonly ms: number;
  readonly value: string;
  readonly fail?: { readonly layer: string; readonly constraint: string; readonly hardwareFile: string };
  readonly legalityUrl?: string;
  /** Two Int32 cells: jobs started so far, and a release flag for `held` jobs. */
  readonly tickets?: SharedArrayBuffer;
  /** Wait until the main thread sets the release flag, instead of `ms`. */
  readonly held?: boolean;
  /** Start waiting only once this many tickets are taken (so once that many jobs have started, on any thread). */
  readonly barrier?: number;
}
export function waitThen(
  job: WaitInput,
): Promise<{ readonly threadId: number; readonly value: string; readonly ticket: number | undefined }>;
