import { sql as init } from './0001-init.js';

export interface Migration {
  id: number;
  name: string;
  sql: string;
}

/** Every migration the code knows, in order. Append only. */
export const MIGRATIONS: readonly Migration[] = [{ id: 1, name: 'init', sql: init }];
