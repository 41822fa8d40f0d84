import { expect, vi } from 'vitest';
import type { AppContext } from '../../src/app/context.js';
import { buildProgram } from '../../src/cli/main.js';
import { EXIT } from '../../src/domain/errors.js';

/** Runs a command in-process, expects it to succeed, and returns what it printed on stdout. */
export async function runCli(args: readonly string[], ctx: AppContext): Promise<string> {
  const printed: string[] = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    printed.push(String(chunk));
    return true;
  });
  const state = { exitCode: EXIT.ok, ctx };
  try {
    await buildProgram(state).parseAsync([...args], { from: 'user' });
  } finally {
    vi.restoreAllMocks();
  }
  expect(state.exitCode).toBe(EXIT.ok);
  return printed.join('');
}
