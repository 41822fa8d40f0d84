import { formatYuan } from '../domain/money.js';
import { TYPE_LABEL, type TxnStatus, type TxnType } from '../domain/txn.js';
import { cardBlocks, slipDateTime } from './format.js';
import { differences, statusRemarks, typeRemarks } from './remarks.js';

export type SourceSide = 'terminal' | 'settlement';

/** A stored record as a slip needs it: its fields, and the file line it came from. */
export interface SlipSourceRecord {
  side: SourceSide;
  file: string;
  line: number;
  /** The line as kept in the database: card numbers masked. */
  raw: string;
  /** SHA-256 of `raw`; the file's own line when nothing was masked (rawMasked false). */
  rawSha256: string;
  rawMasked: boolean;
  merchantId: string | null;
  terminalId: string;
  batchNo: string | null;
  traceNo: string | null;
  rrn: string | null;
  authCode: string | null;
  /** 6 + 4 masked (622588******1234), or last 4 only. */
  cardMasked: string | null;
  txnType: TxnType;
  amountFen: number;
  /** 'YYYY-MM-DD' and 'HH:MM:SS', Beijing time. */
  txnDate: string;
  txnTime: string;
  origTraceNo: string | null;
  origRrn: string | null;
  origDate: string | null;
  /** Terminal side only (null on settlement records). */
  status: TxnStatus | null;
  responseCode: string | null;
  operator: string | null;
  /** Settlement side only. */
  settleDate: string | null;
  storeName: string | null;
}

/** What the merchant registry knows about the merchant (`posrecon merchants set`). */
export interface MerchantInfo {
  merchantId: string;
  name: string;
  nameEn: string | null;
  acquirer: string | null;
}

export interface SlipInput {
  terminal: SlipSourceRecord | null;
  settlement: SlipSourceRecord | null;
  merchant: MerchantInfo | null;
  /** The registry's merchant for this terminal, used only when neither record carries a merchant id. */
  registryMerchantId: string | null;
  /** When the slip is produced, 'YYYY-MM-DD HH:mm' Beijing time (printed in the provenance block). */
  reprintedAt: string;
}

export const FIELD_KEYS = [
  'merchantName', 'merchantNameEn', 'merchantNo', 'terminalNo', 'operator', 'issuer', 'cardNo', 'acquirer',
  'txnType', 'batchNo', 'voucherNo', 'authNo', 'dateTime', 'refNo', 'amount',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

/** Where a printed value came from; null value = not known, printed as such (never guessed). */
export interface SlipField {
  value: string | null;
  from: SourceSide | 'registry' | null;
}

export type Remark =
  | { kind: 'origVoucher' | 'origRef' | 'origDate' | 'origAuth' | 'settleDate'; value: string | null }
  | { kind: 'terminalStatus'; status: TxnStatus; responseCode: string | null }
  /** The other source has a different value for a printed field: shown, not resolved. */
  | { kind: 'otherSays'; side: SourceSide; field: FieldKey; value: string };

export interface SourceRef {
  side: SourceSide;
  file: string;
  line: number;
}

export interface SlipModel {
  fields: Record<FieldKey, SlipField>;
  remarks: Remark[];
  /** The record the slip is rebuilt from; the secondary one filled the fields listed in `filled`. */
  primary: SourceRef;
  secondary: (SourceRef & { filled: FieldKey[] }) | null;
  /**
   * The digest printed and put in the QR code. `masked` means the source line held a card number: the digest
   * is then of the masked line (as stored and reported), because a plain SHA-256 of a line whose only unknown
   * is 6 card digits could be reversed by trying the million candidates (PCI DSS 3.5.1.1 wants keyed hashes).
   */
  digest: { sha256: string; masked: boolean };
  reprintedAt: string;
  /** For file names and the QR payload. */
  terminalId: string;
  traceNo: string | null;
  rrn: string | null;
  txnDate: string;
  txnTime: string;
  amountFen: number;
  txnType: TxnType;
}

/**
 * The record a slip is rebuilt from: an approved terminal record (what the terminal would have printed),
 * otherwise the acquirer's settlement line, which is what actually charged the card.
 */
export function primaryOf(input: Pick<SlipInput, 'terminal' | 'settlement'>): SlipSourceRecord {
  const { terminal: t, settlement: s } = input;
  if (t && (t.status === 'SUCCESS' || !s)) return t;
  if (s) return s;
  throw new Error('a slip needs a terminal or a settlement record');
}

/** Pure: two records and the registry → every value the slip prints, with where it came from. */
export function buildSlipModel(input: SlipInput): SlipModel {
  const p = primaryOf(input);
  const s2 = p === input.terminal ? input.settlement : input.terminal;
  const take = (get: (r: SlipSourceRecord) => string | null): SlipField => {
    const own = get(p);
    if (own !== null && own !== '') return { value: own, from: p.side };
    const other = s2 ? get(s2) : null;
    return other === null || other === '' || !s2 ? { value: null, from: null } : { value: other, from: s2.side };
  };
  const reg = (value: string | null | undefined): SlipField => (value ? { value, from: 'registry' } : { value: null, from: null });
  const merchantNo = take((r) => r.merchantId);
  const storeName = input.settlement?.storeName ?? null;
  const fields: Record<FieldKey, SlipField> = {
    merchantName: input.merchant ? reg(input.merchant.name) : storeName ? { value: storeName, from: 'settlement' } : reg(null),
    merchantNameEn: reg(input.merchant?.nameEn),
    merchantNo: merchantNo.value === null ? reg(input.registryMerchantId) : merchantNo,
    terminalNo: take((r) => r.terminalId),
    operator: take((r) => r.operator),
    // Field 44 (issuer) is in no journal or statement posrecon reads; a BIN table would be a guess.
    issuer: reg(null),
    cardNo: take((r) => (r.cardMasked ? cardBlocks(r.cardMasked) : null)),
    acquirer: reg(input.merchant?.acquirer),
    txnType: { value: TYPE_LABEL[p.txnType], from: p.side },
    batchNo: take((r) => r.batchNo),
    voucherNo: take((r) => r.traceNo),
    authNo: take((r) => r.authCode),
    dateTime: take(slipDateTime),
    refNo: take((r) => r.rrn),
    amount: { value: `RMB ${formatYuan(p.amountFen)}`, from: p.side },
  };
  return {
    fields,
    remarks: [...typeRemarks(p), ...statusRemarks(input), ...differences(p, s2)],
    primary: ref(p),
    secondary: s2 ? { ...ref(s2), filled: FIELD_KEYS.filter((k) => fields[k].from === s2.side) } : null,
    digest: digestOf(p),
    reprintedAt: input.reprintedAt,
    terminalId: p.terminalId,
    traceNo: fields.voucherNo.value,
    rrn: fields.refNo.value,
    txnDate: p.txnDate,
    txnTime: p.txnTime,
    amountFen: p.amountFen,
    txnType: p.txnType,
  };
}

function ref(r: SlipSourceRecord): SourceRef {
  return { side: r.side, file: r.file, line: r.line };
}

function digestOf(r: SlipSourceRecord): SlipModel['digest'] {
  return { sha256: r.rawSha256, masked: r.rawMasked };
}
