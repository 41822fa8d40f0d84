import type { Command } from 'commander';
import { listFiles, removeFile } from '../../app/files.js';
import { UsageError } from '../../domain/errors.js';
import { beijingTimeMarked } from '../../report/local-time.js';
import type { ImportedFileRow } from '../../store/repos/files.js';
import { DB_HELP, dbPath } from '../options.js';
import { out } from '../output.js';
import type { CliState } from '../state.js';

function parseFileId(text: string): number {
  const id = Number(text.replace(/^#/, ''));
  if (!Number.isSafeInteger(id) || id < 1) throw new UsageError(`"${text}" is not a file number (expected the # that posrecon files lists, e.g. 3)`);
  return id;
}

const counts = (f: ImportedFileRow): string =>
  `read ${f.rows_read} = imported ${f.rows_imported} + rejected ${f.rows_rejected} + skipped ${f.rows_skipped}`;

export function registerFiles(program: Command, state: CliState): void {
  const files = program.command('files').description('list the imported files, or remove one imported by mistake (default: list)');
  files
    .command('list', { isDefault: true })
    .description('list the imported files: number, side, format, row counts, when, name')
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { json?: boolean; db?: string }) => {
      const rows = await listFiles(dbPath(o.db));
      for (const f of rows) {
        if (o.json) out(JSON.stringify(f));
        else out([`#${f.id}`, f.side.padEnd(10), f.format, counts(f), beijingTimeMarked(f.imported_at), f.name].join('  '));
      }
      if (!o.json) out(`${rows.length} ${rows.length === 1 ? 'file' : 'files'}`);
    });
  files
    .command('remove <file>')
    .description('remove an imported file and every row read from it (a second copy, a file on the wrong side); the last match is cleared and the removal goes into the audit log')
    .option('--by <name>', 'who removes it (default: $POSRECON_USER, else the login name)')
    .option('--db <path>', DB_HELP)
    .action(async (file: string, o: { by?: string; db?: string }) => {
      const r = await removeFile(dbPath(o.db), parseFileId(file), state.ctx, o.by);
      out(`removed file #${r.file.id} ${r.file.name} (${r.file.side}, ${counts(r.file)})`);
      if (r.clearedRunId !== null) out(`match run ${r.clearedRunId} read it: its matches and cases were cleared; run posrecon match again`);
    });
}
