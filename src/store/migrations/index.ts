import { sql as init } from './0001-init.js';
import { sql as merchants } from './0002-merchants.js';
import { sql as casesAuditFees } from './0003-cases-audit-fees.js';
import { sql as controlTotals } from './0004-control-totals.js';
import { sql as rawMasked } from './0005-raw-masked.js';
import { sql as terminalIndexes } from './0006-terminal-indexes.js';
import { sql as clearedRuns } from './0007-cleared-runs.js';
import { sql as untermedRows } from './0008-untermed-rows.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration the code knows, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'init', sql: init },
  { id: 2, name: 'merchants', sql: merchants },
  { id: 3, name: 'cases-audit-fees', sql: casesAuditFees },
  { id: 4, name: 'control-totals', sql: controlTotals },
  { id: 5, name: 'raw-masked', sql: rawMasked },
  { id: 6, name: 'terminal-indexes', sql: terminalIndexes },
  { id: 7, name: 'cleared-runs', sql: clearedRuns },
  { id: 8, name: 'untermed-rows', sql: untermedRows },
];
