/** Effects the use-cases need, injected so tests can fix the clock and capture output. */
export interface AppContext {
  now(): Date;
  /** Progress of a long step; the CLI shows it on a TTY only. */
  progress?(label: string, done: number): void;
}

export const systemContext: AppContext = { now: () => new Date() };
