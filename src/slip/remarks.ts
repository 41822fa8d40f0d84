import { formatYuan } from '../domain/money.js';
import { cardBlocks, slashDate, slipDateTime } from './format.js';
import type { FieldKey, Remark, SlipInput, SlipSourceRecord } from './model.js';

/** Type-specific remarks (domain.md §7.3). */
export function typeRemarks(p: SlipSourceRecord): Remark[] {
  const date = p.origDate ? slashDate(p.origDate) : null;
  switch (p.txnType) {
    case 'VOID':
      return [{ kind: 'origVoucher', value: p.origTraceNo }];
    case 'REFUND':
      return [{ kind: 'origRef', value: p.origRrn }, { kind: 'origDate', value: date }];
    case 'COMPLETION':
      // Journals do not carry the original pre-authorisation code: say so rather than leave it out.
      return [{ kind: 'origAuth', value: null }];
    case 'SALE':
    case 'AUTH':
      return [];
  }
}

/** What the terminal showed when it did not get an approval, and when the acquirer settled it. */
export function statusRemarks({ terminal: t, settlement: s }: SlipInput): Remark[] {
  const out: Remark[] = [];
  if (t?.status && t.status !== 'SUCCESS') out.push({ kind: 'terminalStatus', status: t.status, responseCode: t.responseCode });
  if (s?.settleDate) out.push({ kind: 'settleDate', value: slashDate(s.settleDate) });
  return out;
}

const COMPARED: ReadonlyArray<readonly [FieldKey, (r: SlipSourceRecord) => string | null]> = [
  ['cardNo', (r) => (r.cardMasked ? cardBlocks(r.cardMasked) : null)],
  ['batchNo', (r) => r.batchNo],
  ['voucherNo', (r) => r.traceNo],
  ['authNo', (r) => r.authCode],
  ['dateTime', slipDateTime],
  ['refNo', (r) => r.rrn],
  ['amount', (r) => `RMB ${formatYuan(r.amountFen)}`],
];

/** Printed fields both records have, and on which they disagree: the slip shows the other value too. */
export function differences(p: SlipSourceRecord, other: SlipSourceRecord | null): Remark[] {
  if (!other) return [];
  const out: Remark[] = [];
  for (const [field, get] of COMPARED) {
    const a = get(p);
    const b = get(other);
    // A last-4-only card on one side is less, not different, information.
    const comparable = field !== 'cardNo' || (a?.length === b?.length);
    if (a && b && a !== b && comparable) out.push({ kind: 'otherSays', side: other.side, field, value: b });
  }
  return out;
}
