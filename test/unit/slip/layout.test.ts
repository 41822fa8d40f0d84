import { describe, expect, it } from 'vitest';
import { LABELS, REPRINT_MARKER, UNKNOWN, slipLines, type SlipLine } from '../../../src/slip/layout.js';
import { buildSlipModel } from '../../../src/slip/model.js';
import { settlementRecord, slipInput, terminalRecord } from './records.js';

const texts = (lines: readonly SlipLine[]): string[] =>
  lines.flatMap((l) => (l.kind === 'field' ? [`${l.label} ${l.value}`] : l.kind === 'text' || l.kind === 'center' ? [l.text] : []));

describe('slipLines', () => {
  const model = buildSlipModel(slipInput({ settlement: settlementRecord() }));

  it('follows the CUPS line order of domain.md §7.1', () => {
    const labels = slipLines(model, 'merchant').flatMap((l) => (l.kind === 'field' ? [l.label] : []));
    const order = ['merchantName', 'merchantNo', 'terminalNo', 'operator', 'issuer', 'cardNo', 'acquirer', 'txnType', 'batchNo', 'voucherNo', 'authNo', 'dateTime', 'refNo', 'amount'] as const;
    const at = order.map((k) => labels.indexOf(LABELS[k]));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  });

  it('says a value is unknown instead of leaving it out', () => {
    expect(texts(slipLines(model, 'merchant'))).toContain(`${LABELS.issuer} ${UNKNOWN}`);
  });

  it('marks the reprint, the electronic copy and the source, then names the reprint time', () => {
    const t = texts(slipLines(model, 'merchant'));
    const marker = t.indexOf(REPRINT_MARKER);
    expect(marker).toBeGreaterThan(t.indexOf(`${LABELS.amount} RMB 328.00`));
    expect(t.slice(marker, marker + 3)).toEqual([REPRINT_MARKER, '电子副本,非原始签购单', 'ELECTRONIC COPY, NOT THE ORIGINAL SLIP']);
    expect(t).toContain('REPRINTED FROM TERMINAL LOG');
    expect(t).toContain('来源(SOURCE): journal.csv 第5行(LINE 5)');
    expect(t).toContain('重打时间(REPRINTED AT): 2026-03-10 16:00 UTC+8');
    expect(t).toContain('来源(SOURCE): settlement_20240308.csv 第9行(LINE 9)');
  });

  it.each([
    ['merchant', '商户存根 MERCHANT COPY', true],
    ['bank', '银行存根 BANK COPY', true],
    ['cardholder', '持卡人存根 CARDHOLDER COPY', false],
  ] as const)('%s copy: labelled; a signature area that says the signature is not available: %s', (copy, label, signature) => {
    const t = texts(slipLines(model, copy));
    expect(t[1]).toBe(label);
    expect(t.includes('持卡人签名(CARDHOLDER SIGNATURE):')).toBe(signature);
    expect(t.includes('ORIGINAL SIGNATURE NOT AVAILABLE')).toBe(signature);
  });

  it('lists what the other source says differently under a heading naming it', () => {
    const m = buildSlipModel(slipInput({ terminal: terminalRecord(), settlement: settlementRecord({ amountFen: 30000 }) }));
    const t = texts(slipLines(m, 'merchant'));
    const at = t.indexOf('据收单结算文件不同 / SETTLEMENT FILE DIFFERS:');
    expect(at).toBeGreaterThan(0);
    expect(t[at + 1]).toBe(`${LABELS.amount} RMB 300.00`);
  });

  it('ends with the QR code and the digest in two rows of four groups', () => {
    const lines = slipLines(model, 'merchant');
    expect(lines.some((l) => l.kind === 'qr')).toBe(true);
    const t = texts(lines);
    expect(t.slice(-2).map((row) => row.split(' ').length)).toEqual([4, 4]);
    expect(t.slice(-2).join('').replace(/ /g, '')).toBe(model.digest.sha256);
  });
});
