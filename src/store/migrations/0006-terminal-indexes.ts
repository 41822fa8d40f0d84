/**
 * Matching reads one group of terminals at a time so that its memory does not grow with the database; these
 * indexes let it fetch a group without scanning every record.
 */
export const sql = `
CREATE INDEX terminal_records_terminal ON terminal_records(terminal_id);
CREATE INDEX settlement_records_terminal ON settlement_records(terminal_id);
`;
