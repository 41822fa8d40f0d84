import { userInfo } from 'node:os';

/** Effects the use-cases need, injected so tests can fix the clock and capture output. */
export interface AppContext {
  now(): Date;
  /** Progress of a long step; the CLI shows it on a TTY only. */
  progress?(label: string, done: number): void;
  /** Who is running posrecon, for the audit log: $POSRECON_USER, else the login name. */
  user?(): string;
}

export const systemContext: AppContext = { now: () => new Date(), user: systemUser };

function systemUser(): string {
  const env = process.env['POSRECON_USER'];
  if (env) return env;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/** The actor recorded in the audit log: the name given with --by, else who runs posrecon. */
export function actorOf(ctx: AppContext, by?: string): string {
  return by?.trim() || (ctx.user?.() ?? 'unknown');
}
