import QRCode from 'qrcode';
import { formatYuan } from '../domain/money.js';
import type { SlipModel } from './model.js';

/**
 * The QR code's text: one "KEY:value" per line, so a phone shows it readably. It lets anyone check the slip
 * against the file: the line named by SRC must hash to SHA256 (or, when SHA256-MASKED, hash to it after its
 * card number is masked to 6 + 4, as posrecon stores and reports it). An unknown value is left empty.
 *
 * @example
 * POSRECON-SLIP/1
 * TID:10012345
 * TRACE:000103
 * RRN:030899990103
 * AMT:300.00
 * DATE:2026-03-08
 * SRC:settlement.csv#3
 * SHA256:9f86d081…
 */
export function qrPayload(m: SlipModel): string {
  return [
    'POSRECON-SLIP/1',
    `TID:${m.terminalId}`,
    `TRACE:${m.traceNo ?? ''}`,
    `RRN:${m.rrn ?? ''}`,
    `AMT:${formatYuan(m.amountFen)}`,
    `DATE:${m.txnDate}`,
    `SRC:${m.primary.file}#${m.primary.line}`,
    `${m.digest.masked ? 'SHA256-MASKED' : 'SHA256'}:${m.digest.sha256}`,
  ].join('\n');
}

/** Dark modules as horizontal runs, so the renderer draws one rectangle per run instead of per module. */
export interface QrRuns {
  size: number;
  runs: ReadonlyArray<{ row: number; col: number; length: number }>;
}

/**
 * Error correction M (15 %): survives a crease or a smudge on a printed copy without a large symbol. The library's
 * mixed-mode segments (numeric runs for the ids) cost 2-3 ms a slip over one byte segment, but often save a version:
 * fewer, larger modules on paper.
 */
export function qrRuns(text: string): QrRuns {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const runs: Array<{ row: number; col: number; length: number }> = [];
  for (let row = 0; row < modules.size; row++) {
    let start = -1;
    for (let col = 0; col <= modules.size; col++) {
      const dark = col < modules.size && modules.get(row, col) === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        runs.push({ row, col: start, length: col - start });
        start = -1;
      }
    }
  }
  return { size: modules.size, runs };
}
