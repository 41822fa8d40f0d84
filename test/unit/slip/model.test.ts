import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cardBlocks } from '../../../src/slip/format.js';
import { buildSlipModel, primaryOf } from '../../../src/slip/model.js';
import { settlementRecord, slipInput, terminalRecord } from './records.js';

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');
const MERCHANT = { merchantId: '898310154110001', name: '示例便利店', nameEn: 'EXAMPLE MART', acquirer: '银联商务' };

describe('primaryOf: the record a slip is rebuilt from', () => {
  it.each([
    ['an approved terminal record, even when settled', terminalRecord(), settlementRecord(), 'terminal'],
    ['the settlement line when the terminal saw a timeout', terminalRecord({ status: 'TIMEOUT' }), settlementRecord(), 'settlement'],
    ['the settlement line when there is no terminal record', null, settlementRecord(), 'settlement'],
    ['a terminal record alone', terminalRecord(), null, 'terminal'],
  ] as const)('%s', (_what, terminal, settlement, side) => {
    expect(primaryOf({ terminal, settlement }).side).toBe(side);
  });
});

describe('buildSlipModel', () => {
  it('takes every value from the primary record and says so', () => {
    const m = buildSlipModel(slipInput({ merchant: MERCHANT }));
    expect(m.fields.voucherNo).toEqual({ value: '000457', from: 'terminal' });
    expect(m.fields.cardNo.value).toBe('6225 88** **** 1234');
    expect(m.fields.amount.value).toBe('RMB 328.00');
    expect(m.fields.dateTime.value).toBe('2024/03/08 21:47:05');
    expect(m.fields.txnType.value).toBe('消费(SALE)');
    expect(m.fields.merchantName).toEqual({ value: '示例便利店', from: 'registry' });
    expect(m.fields.acquirer).toEqual({ value: '银联商务', from: 'registry' });
    expect(m.primary).toEqual({ side: 'terminal', file: 'journal.csv', line: 5 });
    expect(m.secondary).toBeNull();
  });

  it('leaves what nobody knows unknown: issuer, and without a registry the name and acquirer', () => {
    const m = buildSlipModel(slipInput({ terminal: terminalRecord({ authCode: null, operator: null }) }));
    for (const key of ['issuer', 'merchantName', 'merchantNameEn', 'acquirer', 'authNo', 'operator'] as const) {
      expect(m.fields[key], key).toEqual({ value: null, from: null });
    }
  });

  it('a timed-out sale the acquirer settled: rebuilt from the settlement line, operator filled from the journal', () => {
    const m = buildSlipModel(
      slipInput({
        terminal: terminalRecord({ status: 'TIMEOUT', responseCode: null, rrn: null, authCode: null }),
        settlement: settlementRecord({ rrn: '030899990103', authCode: null }),
      }),
    );
    expect(m.primary.side).toBe('settlement');
    expect(m.fields.refNo).toEqual({ value: '030899990103', from: 'settlement' });
    expect(m.fields.authNo).toEqual({ value: null, from: null });
    expect(m.fields.operator).toEqual({ value: '01', from: 'terminal' });
    expect(m.secondary).toEqual({ side: 'terminal', file: 'journal.csv', line: 5, filled: ['operator'] });
    expect(m.remarks).toEqual([
      { kind: 'terminalStatus', status: 'TIMEOUT', responseCode: null },
      { kind: 'settleDate', value: '2024/03/08' },
    ]);
  });

  it('shows, without resolving, what the other source says differently', () => {
    const m = buildSlipModel(slipInput({ settlement: settlementRecord({ amountFen: 30000, txnTime: '21:47:09' }) }));
    expect(m.fields.amount.value).toBe('RMB 328.00');
    expect(m.remarks.filter((r) => r.kind === 'otherSays')).toEqual([
      { kind: 'otherSays', side: 'settlement', field: 'dateTime', value: '2024/03/08 21:47:09' },
      { kind: 'otherSays', side: 'settlement', field: 'amount', value: 'RMB 300.00' },
    ]);
  });

  it('a last-4-only card on the other side is less information, not a difference', () => {
    const m = buildSlipModel(slipInput({ settlement: settlementRecord({ cardMasked: '****1234' }) }));
    expect(m.remarks.filter((r) => r.kind === 'otherSays')).toEqual([]);
  });

  it('merchant name: the registry wins over the settlement row\'s store name, which beats nothing', () => {
    const settlement = settlementRecord({ storeName: '示例便利店(徐汇店)' });
    expect(buildSlipModel(slipInput({ settlement, merchant: MERCHANT })).fields.merchantName.value).toBe('示例便利店');
    const fromRow = buildSlipModel(slipInput({ settlement }));
    expect(fromRow.fields.merchantName).toEqual({ value: '示例便利店(徐汇店)', from: 'settlement' });
    expect(fromRow.secondary?.filled).toEqual(['merchantName']);
  });

  it('merchant number: the records first, else the registry\'s terminal list', () => {
    const none = terminalRecord({ merchantId: null });
    expect(buildSlipModel(slipInput({ terminal: none, registryMerchantId: '898310154110002' })).fields.merchantNo).toEqual({
      value: '898310154110002',
      from: 'registry',
    });
    expect(buildSlipModel(slipInput({ registryMerchantId: '898310154110002' })).fields.merchantNo.value).toBe('898310154110001');
  });

  it.each([
    ['VOID', { origTraceNo: '000456' }, [{ kind: 'origVoucher', value: '000456' }]],
    ['REFUND', { origRrn: '030510000999', origDate: '2024-03-05' }, [{ kind: 'origRef', value: '030510000999' }, { kind: 'origDate', value: '2024/03/05' }]],
    ['REFUND', {}, [{ kind: 'origRef', value: null }, { kind: 'origDate', value: null }]],
    ['COMPLETION', {}, [{ kind: 'origAuth', value: null }]],
    ['SALE', {}, []],
  ] as const)('%s remarks (domain.md §7.3)', (txnType, over, remarks) => {
    expect(buildSlipModel(slipInput({ terminal: terminalRecord({ txnType, ...over }) })).remarks).toEqual(remarks);
  });

  it('digest: the stored line\'s SHA-256, marked as masked when posrecon masked a card number in it', () => {
    const raw = '2024-03-08,10012345,000457,622588******1234,328.00';
    expect(buildSlipModel(slipInput({ terminal: terminalRecord({ raw, rawSha256: sha(raw) }) })).digest).toEqual({ sha256: sha(raw), masked: false });
    const m = buildSlipModel(slipInput({ terminal: terminalRecord({ raw, rawSha256: sha(raw), rawMasked: true }) }));
    expect(m.digest).toEqual({ sha256: sha(raw), masked: true });
  });
});

describe('cardBlocks', () => {
  it.each([
    ['622588******1234', '6225 88** **** 1234'],
    ['622588*********0039', '6225 88** **** *** 0039'],
    ['****1234', '**** 1234'],
  ])('%s → %s', (masked, printed) => expect(cardBlocks(masked)).toBe(printed));
});
