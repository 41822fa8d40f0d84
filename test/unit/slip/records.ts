import type { SlipInput, SlipSourceRecord } from '../../../src/slip/model.js';

/** A terminal journal record of an approved sale; override what a test is about. */
export function terminalRecord(over: Partial<SlipSourceRecord> = {}): SlipSourceRecord {
  return {
    side: 'terminal',
    file: 'journal.csv',
    line: 5,
    raw: '898310154110001,10012345,000128,000457,214705912345,813226,622588******1234,消费,328.00',
    rawSha256: 'f'.repeat(64),
    rawMasked: false,
    merchantId: '898310154110001',
    terminalId: '10012345',
    batchNo: '000128',
    traceNo: '000457',
    rrn: '214705912345',
    authCode: '813226',
    cardMasked: '622588******1234',
    txnType: 'SALE',
    amountFen: 32800,
    txnDate: '2024-03-08',
    txnTime: '21:47:05',
    origTraceNo: null,
    origRrn: null,
    origDate: null,
    status: 'SUCCESS',
    responseCode: '00',
    operator: '01',
    settleDate: null,
    storeName: null,
    ...over,
  };
}

/** The acquirer's settlement line for the same sale. */
export function settlementRecord(over: Partial<SlipSourceRecord> = {}): SlipSourceRecord {
  return terminalRecord({
    side: 'settlement',
    file: 'settlement_20240308.csv',
    line: 9,
    raw: '2024-03-08,898310154110001,10012345,000128,000457,214705912345,813226,622588******1234,借记卡,消费,328.00',
    status: null,
    responseCode: null,
    operator: null,
    settleDate: '2024-03-08',
    ...over,
  });
}

export function slipInput(over: Partial<SlipInput> = {}): SlipInput {
  return { terminal: terminalRecord(), settlement: null, merchant: null, registryMerchantId: null, reprintedAt: '2026-03-10 16:00 UTC+8', ...over };
}
