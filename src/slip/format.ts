import type { SlipSourceRecord } from './model.js';

/** "622588******1234" → "6225 88** **** 1234": blocks of 4 as slips print them. */
export function cardBlocks(masked: string): string {
  // The last four stay one block whatever the length, so a 19-digit card still ends "… 0039".
  const head = masked.slice(0, -4);
  return [...(head.match(/.{1,4}/g) ?? []), masked.slice(-4)].join(' ');
}

/** "2024-03-08" → "2024/03/08", the date form slips print (domain.md §2.7). */
export function slashDate(isoDate: string): string {
  return isoDate.replace(/-/g, '/');
}

/** "2024/03/08 21:47:05". */
export function slipDateTime(r: Pick<SlipSourceRecord, 'txnDate' | 'txnTime'>): string {
  return `${slashDate(r.txnDate)} ${r.txnTime}`;
}
