/**
 * Case workflow, the audit log and fee checks (issue 5).
 *
 * A case's status lives apart from `cases`, which every match run replaces: it is keyed by the case id, which
 * comes from the record, so it survives new imports and re-matching. The audit log is append-only: triggers
 * refuse updates and deletes, and each entry carries the SHA-256 of the one before it, so an edit made by other
 * means (dropping the triggers) still shows.
 */
export const sql = `
CREATE TABLE case_status (
  case_id    TEXT PRIMARY KEY,
  status     TEXT NOT NULL CHECK (status IN ('open', 'disputed', 'resolved', 'written_off')),
  note       TEXT,
  updated_by TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  case_id     TEXT,
  details     TEXT NOT NULL,
  prev_sha256 TEXT NOT NULL,
  sha256      TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log(case_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- The merchant's rate card. NULL terminal, channel or card type means "any". Rates are parts per million
-- (0.55% = 5500) so that no fee is ever computed with a float.
CREATE TABLE fee_rates (
  id          INTEGER PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  terminal_id TEXT,
  channel     TEXT,
  card_type   TEXT,
  rate_ppm    INTEGER NOT NULL CHECK (rate_ppm >= 0 AND rate_ppm <= 1000000),
  cap_fen     INTEGER CHECK (cap_fen >= 0),
  min_fen     INTEGER CHECK (min_fen >= 0),
  valid_from  TEXT NOT NULL,
  updated_at  TEXT NOT NULL,
  UNIQUE (merchant_id, terminal_id, channel, card_type, valid_from)
);

ALTER TABLE cases ADD COLUMN fee_expected_fen INTEGER;
ALTER TABLE cases ADD COLUMN fee_actual_fen INTEGER;
ALTER TABLE match_runs ADD COLUMN fee_summary TEXT;
`;
