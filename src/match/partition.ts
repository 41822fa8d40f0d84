/** Terminal ids from first to last inclusive, in text order. */
export interface TerminalRange {
  first: string;
  last: string;
}

/**
 * Cuts the terminals, in order, into consecutive groups of about `maxRecords` records each. Every key but the
 * order number includes the terminal, so a group can be matched on its own; a terminal is never split, and one
 * larger than the limit makes a group by itself.
 */
export function terminalRanges(sizes: ReadonlyArray<{ terminalId: string; records: number }>, maxRecords: number): TerminalRange[] {
  const ranges: TerminalRange[] = [];
  let current: TerminalRange | null = null;
  let records = 0;
  for (const { terminalId, records: n } of sizes) {
    if (current !== null && records + n <= maxRecords) {
      current.last = terminalId;
      records += n;
      continue;
    }
    current = { first: terminalId, last: terminalId };
    ranges.push(current);
    records = n;
  }
  return ranges;
}
