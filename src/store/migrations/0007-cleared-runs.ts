/**
 * Removing an imported file (posrecon files remove) takes away records the last match paired and made cases of.
 * That run's pairs and cases are deleted with them and the run is marked cleared: it stays, so that the audit
 * log's run numbers keep pointing at something, but nothing reads results from it.
 */
export const sql = `
ALTER TABLE match_runs ADD COLUMN cleared_at TEXT;
`;
