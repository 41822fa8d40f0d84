import { describe, expect, it } from 'vitest';
import { importFile } from '../../../src/app/import-file.js';
import { UsageError } from '../../../src/domain/errors.js';
import { HAVE_PUBLIC_SAMPLES, sample } from '../../helpers/public-samples.js';
import { CUTOFF, fixedContext, memoryStore } from '../../helpers/store.js';

const ZM = (): string => sample('unionpay', 'INN15090588ZM_802310048993424');
const ZIP = (): string => sample('unionpay', '802310048993424_20150905.zip');

/**
 * Regression: `--year 2016` on INN15090588ZM_… (clearing day 2015-09-05 by its name) was accepted and stored
 * txn_date 2016-09-06 with settle_date 2015-09-05, without a word.
 */
describe.skipIf(!HAVE_PUBLIC_SAMPLES)('--year against a UnionPay file name that gives the year', () => {
  it.each([
    ['the ZM file', ZM, 'the file name INN15090588ZM_802310048993424 gives'],
    ['the zip holding it', ZIP, 'the file name INN15090588ZM_802310048993424 gives'],
  ])('a contradicting year is refused for %s, naming both, and nothing is imported', async (_what, path, from) => {
    const db = memoryStore();
    const p = importFile(db, { path: path(), cutoff: CUTOFF, year: 2016 }, fixedContext);
    await expect(p).rejects.toThrow(UsageError);
    await expect(importFile(db, { path: path(), cutoff: CUTOFF, year: 2016 }, fixedContext)).rejects.toThrow(`--year 2016 contradicts the clearing date 2015-09-05 that ${from}`);
    expect(db.prepare('SELECT COUNT(*) AS n FROM imported_files').get()).toEqual({ n: 0 });
  });

  it('the same year as the name is accepted', async () => {
    const db = memoryStore();
    const r = await importFile(db, { path: ZM(), cutoff: CUTOFF, year: 2015 }, fixedContext);
    expect(r.status).toBe('imported');
    expect(db.prepare('SELECT DISTINCT substr(txn_date, 1, 4) AS y FROM settlement_records').all()).toEqual([{ y: '2015' }]);
  });
});
