import { describe, expect, it } from 'vitest';
import { RowBatcher } from '../../../src/app/row-batches.js';
import { luhnValid } from '../../../src/domain/pan.js';

/** A 15-digit ID number of Shandong (37…) that also passes the Luhn check, as one in ten do. */
const ID = '370102800101004';

describe('the stored raw line of a row with personal data', () => {
  it('masks an ID number that looks like a card as personal data (first and last only), not as a card', () => {
    expect(luhnValid(ID)).toBe(true);
    const batcher = new RowBatcher({ fileId: 1, side: 'settlement', cutoff: '2026-03-10 23:59:59', terminalOptional: false });
    // No usable fields: the row is rejected, and its raw line is kept masked like an imported one.
    batcher.add({ kind: 'fields', line: 2, raw: `2026-03-08,张三丰,${ID},x`, fields: {}, sensitive: ['张三丰', ID] });
    const [, disposition, , raw] = batcher.take().unimported;
    expect(disposition).toBe('rejected');
    expect(raw).toBe('2026-03-08,张*丰,3*************4,x');
  });
});
