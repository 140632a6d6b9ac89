// A kind of job the worker pool can run: a function that takes plain data and returns plain data, named by
// the module that exports it. Rooms above run/ (validate/, explore/) declare their own kinds next to the
// function; the pool only ever sees a module URL and an export name, so it imports nothing above itself.
export interface TaskKind<In, Out> {
  /** URL of the module that exports `run` (its `import.meta.url`); a worker imports it by this URL. */
  readonly moduleUrl: string;
  /** The name `run` is exported under. */
  readonly exportName: string;
  /** The function itself, for jobs run inline on the calling thread. */
  readonly run: (input: In) => Out | Promise<Out>;
}

/**
 * Declares `run`, a named function exported by the module at `moduleUrl`, as a kind of pool job. Call it in
 * that module: `export const POINT_TASK = taskKind(import.meta.url, runPoint);`.
 */
export function taskKind<In, Out>(moduleUrl: string, run: (input: In) => Out | Promise<Out>): TaskKind<In, Out> {
  // A worker finds the function by name, so an anonymous or bound one could never be found there.
  if (!/^[A-Za-z_$][\w$]*$/.test(run.name)) throw new Error(`a task must be a named, exported function, got "${run.name}"`);
  return { moduleUrl, exportName: run.name, run };
}
