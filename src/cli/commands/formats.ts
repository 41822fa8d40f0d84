import type { Command } from 'commander';
import { ADAPTERS } from '../../import/adapters/index.js';
import { out } from '../output.js';

export function registerFormats(program: Command): void {
  program
    .command('formats')
    .description('list the input formats posrecon reads (detected from the content; --format NAME forces one)')
    .action(() => {
      for (const a of ADAPTERS) out(`${a.format.padEnd(16)}${a.sides.length === 1 ? `${a.sides[0] ?? ''} ` : ''}${a.description}`);
      out('');
      out('Any other CSV or Excel layout: describe it in a profile and import with --profile FILE (README "Acquirer formats").');
    });
}
