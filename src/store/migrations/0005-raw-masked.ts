/**
 * raw_sha256 is from now on the SHA-256 of the line as stored. Where posrecon masked a card number in the
 * line, a hash of the original would let anyone recover the six hidden digits by trying a million
 * candidates, so the hash is of the masked line and raw_masked says so.
 */
export const sql = `
ALTER TABLE terminal_records ADD COLUMN raw_masked INTEGER NOT NULL DEFAULT 0;
ALTER TABLE settlement_records ADD COLUMN raw_masked INTEGER NOT NULL DEFAULT 0;
`;
