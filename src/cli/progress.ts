import type { AppContext } from '../app/context.js';

/** Progress on a TTY only: piped output and CI logs stay quiet. */
export function withTtyProgress(ctx: AppContext): AppContext {
  if (!process.stderr.isTTY) return ctx;
  let last = 0;
  return {
    ...ctx,
    progress(label: string, done: number) {
      const now = Date.now();
      if (now - last < 200) return;
      last = now;
      process.stderr.write(`\r${label}: ${done.toLocaleString('en-US')} rows…\x1b[K`);
    },
  };
}

export function clearProgress(): void {
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[K');
}
