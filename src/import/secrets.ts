/**
 * Columns that carry sensitive authentication data: magnetic-stripe track data, card security codes and PIN
 * blocks. PCI DSS forbids storing them after authorisation, so their values are cut out of the raw line and
 * never mapped to a field. Matched on the folded header name.
 */
const SECRET_HEADER = /^(track[_ ]?[123]?([_ ]?data)?|磁道.*|[一二三]磁.*|cvv2?|cvc2?|cvn2?|cav2|cid|security[_ ]?code|安全码|校验码|pin([_ ]?block)?|密码|个人密码)$/i;

export function isSecretHeader(folded: string): boolean {
  return SECRET_HEADER.test(folded);
}

export const REMOVED = '[removed]';

/** Replaces each [start, end) range of `raw` with a marker, last range first so earlier offsets hold. */
export function removeSecrets(raw: string, secrets: ReadonlyArray<readonly [number, number]> | undefined): string {
  if (!secrets || secrets.length === 0) return raw;
  let out = raw;
  for (const [start, end] of [...secrets].sort((a, b) => b[0] - a[0])) {
    if (end > start) out = out.slice(0, start) + REMOVED + out.slice(end);
  }
  return out;
}
