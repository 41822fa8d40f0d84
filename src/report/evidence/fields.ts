import { formatYuan } from '../../domain/money.js';
import type { ReportRecord } from '../model.js';

/** A record's field as printed; an empty cell counts as absent, so it is never compared. */
export const str = (r: ReportRecord | null, k: string): string | null => {
  const v = r?.[k];
  return v === null || v === undefined || v === '' ? null : String(v);
};

export const money = (r: ReportRecord | null, k: string): string | null => (typeof r?.[k] === 'number' ? formatYuan(r[k]) : null);
