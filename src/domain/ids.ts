const DIGITS = /^\d+$/;

/**
 * Terminal ids (ISO 8583 field 41, 8 characters), batch and trace numbers (n6) lose their leading zeros in
 * spreadsheets and when typed by hand. Import puts them back on both sides, so every id a user gives on the
 * command line must be put back the same way, or `1080209` would never find the stored `01080209`.
 */
export function zeroPadded(s: string, width: number): string {
  return s.length < width && DIGITS.test(s) ? s.padStart(width, '0') : s;
}

export const terminalIdOf = (s: string): string => zeroPadded(s, 8);
export const traceNoOf = (s: string): string => zeroPadded(s, 6);
export const batchNoOf = (s: string): string => zeroPadded(s, 6);
