import { describe, expect, it } from 'vitest';
import { oneFileName, slipFileName, uniqueNames } from '../../../src/slip/file-name.js';
import { buildSlipModel } from '../../../src/slip/model.js';
import { settlementRecord, slipInput } from './records.js';

describe('slip file names', () => {
  it('say terminal, trace, date and copy', () => {
    expect(slipFileName(buildSlipModel(slipInput()), 'merchant')).toBe('10012345-000457-20240308-merchant.pdf');
  });

  it('fall back to the RRN, then the source line, when there is no trace', () => {
    const noTrace = (over: Parameters<typeof settlementRecord>[0]) => buildSlipModel(slipInput({ terminal: null, settlement: settlementRecord(over) }));
    expect(slipFileName(noTrace({ traceNo: null }), 'bank')).toBe('10012345-rrn214705912345-20240308-bank.pdf');
    expect(slipFileName(noTrace({ traceNo: null, rrn: null }), 'bank')).toBe('10012345-line9-20240308-bank.pdf');
  });

  it('keep only safe characters of a terminal id', () => {
    expect(slipFileName(buildSlipModel(slipInput({ terminal: settlementRecord({ terminalId: '../T 1' }) })), 'merchant')).toBe('_T_1-000457-20240308-merchant.pdf');
  });

  it('are made unique in order', () => {
    expect(uniqueNames(['a.pdf', 'b.pdf', 'a.pdf', 'a.pdf'])).toEqual(['a.pdf', 'b.pdf', 'a-2.pdf', 'a-3.pdf']);
  });

  it('one file spans the transaction dates', () => {
    const a = buildSlipModel(slipInput());
    const b = buildSlipModel(slipInput({ terminal: settlementRecord({ txnDate: '2024-03-09' }) }));
    expect(oneFileName([b, a])).toBe('slips-20240308-20240309.pdf');
    expect(oneFileName([a])).toBe('slips-20240308.pdf');
  });
});
