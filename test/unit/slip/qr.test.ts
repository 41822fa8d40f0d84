import { createHash } from 'node:crypto';
import QRCode from 'qrcode';
import { describe, expect, it } from 'vitest';
import { buildSlipModel } from '../../../src/slip/model.js';
import { qrPayload, qrRuns } from '../../../src/slip/qr.js';
import { settlementRecord, slipInput, terminalRecord } from './records.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('qrPayload', () => {
  it('carries terminal, trace, RRN, amount, date, the source line and its digest', () => {
    const m = buildSlipModel(slipInput({ terminal: terminalRecord({ raw: 'x', rawSha256: sha('x'), rawMasked: true }) }));
    expect(qrPayload(m)).toBe(
      [
        'POSRECON-SLIP/1',
        'TID:10012345',
        'TRACE:000457',
        'RRN:214705912345',
        'AMT:328.00',
        'DATE:2024-03-08',
        'SRC:journal.csv#5',
        // posrecon masked a card number in the line: the digest is of the stored, masked line.
        'SHA256-MASKED:2d711642b726b04401627ca9fbac32f5c8530fb1903cc4db02258717921a4881',
      ].join('\n'),
    );
  });

  it('leaves an unknown value empty rather than guessing it', () => {
    const m = buildSlipModel(slipInput({ terminal: null, settlement: settlementRecord({ traceNo: null, rrn: null }) }));
    expect(qrPayload(m)).toContain('\nTRACE:\nRRN:\n');
  });
});

describe('qrRuns', () => {
  it('covers exactly the dark modules of the symbol, in horizontal runs', () => {
    const text = 'POSRECON-SLIP/1\nTID:10012345';
    const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
    const { size, runs } = qrRuns(text);
    expect(size).toBe(modules.size);
    const drawn = new Set(runs.flatMap((r) => Array.from({ length: r.length }, (_, i) => r.row * size + r.col + i)));
    for (let i = 0; i < size * size; i++) expect(drawn.has(i), `module ${i}`).toBe(modules.data[i] === 1);
  });
});
