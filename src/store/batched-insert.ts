import type { Db } from './open.js';

/** A bound value; rows travel as flat arrays of these (see repos/records.ts), which can cross to a worker thread. */
export type Value = string | number | null;

/**
 * Inserts rows given as one flat array of values, `rows` rows a statement; a remainder waits for the next call.
 * Callers must flush() before they commit, or before they read the table back.
 */
export function batchedInsert(db: Db, table: string, columns: readonly string[], rows: number) {
  const width = columns.length;
  const one = `(${columns.map(() => '?').join(', ')})`;
  const head = `INSERT INTO ${table} (${columns.join(', ')}) VALUES `;
  const many = db.prepare(head + Array.from({ length: rows }, () => one).join(', '));
  const single = db.prepare(head + one);
  let buffer: Value[] = [];
  return {
    add(values: readonly Value[]): void {
      if (values.length % width !== 0) throw new Error(`${table}: ${values.length} values are not whole rows of ${width}`);
      let from = 0;
      // Top the buffer up to a whole statement first, so rows keep their order.
      if (buffer.length > 0) {
        const need = Math.min(rows * width - buffer.length, values.length);
        for (let i = 0; i < need; i++) buffer.push(values[i] ?? null);
        from = need;
        if (buffer.length < rows * width) return;
        many.run(buffer);
        buffer = [];
      }
      for (; from + rows * width <= values.length; from += rows * width) many.run(values.slice(from, from + rows * width));
      if (from < values.length) buffer = values.slice(from);
    },
    flush(): void {
      for (let i = 0; i < buffer.length; i += width) single.run(buffer.slice(i, i + width));
      buffer = [];
    },
  };
}
