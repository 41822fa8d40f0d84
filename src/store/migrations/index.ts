import { sql as init } from './0001-init.js';
import { sql as merchants } from './0002-merchants.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration the code knows, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [
  { id: 1, name: 'init', sql: init },
  { id: 2, name: 'merchants', sql: merchants },
];
