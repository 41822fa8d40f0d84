import type { Command } from 'commander';
import { ADAPTERS } from '../../import/adapters/index.js';
import { out } from '../output.js';

export function registerFormats(program: Command): void {
  program
    .command('formats')
    .description('list the input formats posrecon reads')
    .action(() => {
      for (const a of ADAPTERS) out(`${a.format.padEnd(14)}${a.description}`);
    });
}
