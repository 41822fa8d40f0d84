import { Command, CommanderError } from 'commander';
import { systemContext } from '../app/context.js';
import { AppError, EXIT, type ExitCode } from '../domain/errors.js';
import { registerBackup } from './commands/backup.js';
import { registerAudit } from './commands/audit.js';
import { registerCases } from './commands/cases.js';
import { registerEvidence } from './commands/evidence.js';
import { registerFiles } from './commands/files.js';
import { registerDoctor } from './commands/doctor.js';
import { registerFormats } from './commands/formats.js';
import { registerGenerate } from './commands/generate.js';
import { registerImport } from './commands/import.js';
import { registerMatch } from './commands/match.js';
import { registerRates } from './commands/rates.js';
import { registerMerchants } from './commands/merchants.js';
import { registerReport } from './commands/report.js';
import { registerRun } from './commands/run.js';
import { registerSlips } from './commands/slips.js';
import { refuseRepeatedValues } from './options.js';
import { err, printError } from './output.js';
import type { CliState } from './state.js';

export function buildProgram(state: CliState): Command {
  const program = new Command('posrecon')
    .description('Reconcile POS terminal journals with acquirer settlement files (对账)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({ writeErr: (s) => process.stderr.write(s) });
  registerImport(program, state);
  registerFiles(program, state);
  registerMatch(program, state);
  registerReport(program, state);
  registerRun(program, state);
  registerCases(program, state);
  registerAudit(program, state);
  registerRates(program, state);
  registerEvidence(program, state);
  registerGenerate(program);
  registerFormats(program);
  registerDoctor(program, state);
  registerBackup(program);
  registerSlips(program, state);
  registerMerchants(program, state);
  for (const c of program.commands) c.exitOverride();
  // Every command at once, so that a new one cannot forget it; a command that guards itself first keeps its hints.
  refuseRepeatedValues(program);
  return program;
}

/** The one exit point: every outcome becomes an exit code here (README "Exit codes"). */
export async function main(argv: readonly string[]): Promise<ExitCode> {
  const state: CliState = { exitCode: EXIT.ok, ctx: systemContext };
  // A reader that stops early (posrecon cases | head) is not an error: the rest of the output has nowhere to go.
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code !== 'EPIPE') throw e;
    });
  }
  try {
    await buildProgram(state).parseAsync([...argv], { from: 'user' });
    return state.exitCode;
  } catch (e) {
    if (e instanceof CommanderError) {
      const shown = e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help';
      return shown ? EXIT.ok : EXIT.badInput;
    }
    if (e instanceof AppError) {
      printError(e);
      return e.exitCode;
    }
    const fsError = e as NodeJS.ErrnoException;
    if (fsError.code !== undefined && FS_CODES.has(fsError.code) && fsError.path !== undefined) {
      // A path the user gave that cannot be read or written (a folder where a file is wanted, no permission,
      // a full disk) is bad input, not a bug.
      err(`posrecon: cannot ${fsError.syscall ?? 'use'} ${(fsError as { dest?: string }).dest ?? fsError.path}: ${fsError.code}`);
      err('  hint: check --out and the other paths given');
      return EXIT.badInput;
    }
    err(`posrecon: internal error, please report it: ${(e as Error).stack ?? String(e)}`);
    return EXIT.internal;
  }
}

const FS_CODES = new Set(['ENOENT', 'EACCES', 'EPERM', 'EEXIST', 'ENOTDIR', 'EISDIR', 'ENOSPC', 'EROFS', 'ENOTEMPTY']);
