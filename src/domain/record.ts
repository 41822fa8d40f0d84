import type { IsoDate, IsoTime } from './dates.js';
import type { Fen } from './money.js';
import type { Direction, TxnStatus, TxnType } from './txn.js';

export type Side = 'terminal' | 'settlement';

/** Fields shared by a terminal journal line and a settlement line, after normalisation. */
export interface TxnFields {
  merchantId: string | null;
  terminalId: string;
  batchNo: string | null;
  traceNo: string | null;
  rrn: string | null;
  authCode: string | null;
  /** First 6 and last 4 only, e.g. 622588******1234. */
  cardMasked: string | null;
  cardLast4: string | null;
  txnType: TxnType;
  direction: Direction;
  /** Always positive; the direction says which way the money went. */
  amountFen: Fen;
  txnDate: IsoDate;
  txnTime: IsoTime;
  origTraceNo: string | null;
  origRrn: string | null;
  origDate: IsoDate | null;
  orderNo: string | null;
}

export interface TerminalRecord extends TxnFields {
  responseCode: string | null;
  status: TxnStatus;
  operator: string | null;
}

export interface SettlementRecord extends TxnFields {
  settleDate: IsoDate;
  feeFen: Fen | null;
  netFen: Fen | null;
  cardType: string | null;
  storeName: string | null;
}

/** Where a record came from, kept with it as evidence. */
export interface Provenance {
  line: number;
  /** The source line, with any card number masked. */
  raw: string;
  /**
   * SHA-256 of `raw`. When nothing was masked that is the line exactly as in the file, so evidence can be
   * checked against it; when a card number was masked it is the masked line's (see rawMasked).
   */
  rawSha256: string;
  /** posrecon masked a card number (or a personal value) in this line; the file's line differs from `raw`. */
  rawMasked: boolean;
}
