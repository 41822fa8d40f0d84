/** Forward-only: never edit a migration that has shipped; add the next number instead. */
export const sql = `
CREATE TABLE imported_files (
  id            INTEGER PRIMARY KEY,
  path          TEXT NOT NULL,
  name          TEXT NOT NULL,
  sha256        TEXT NOT NULL,
  side          TEXT NOT NULL CHECK (side IN ('terminal', 'settlement')),
  format        TEXT NOT NULL,
  encoding      TEXT NOT NULL,
  rows_read     INTEGER NOT NULL,
  rows_imported INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  rows_skipped  INTEGER NOT NULL,
  imported_at   TEXT NOT NULL,
  UNIQUE (sha256, side)
);

CREATE TABLE terminal_records (
  id            INTEGER PRIMARY KEY,
  file_id       INTEGER NOT NULL REFERENCES imported_files(id),
  line          INTEGER NOT NULL,
  merchant_id   TEXT,
  terminal_id   TEXT NOT NULL,
  batch_no      TEXT,
  trace_no      TEXT,
  rrn           TEXT,
  auth_code     TEXT,
  card_masked   TEXT,
  card_last4    TEXT,
  txn_type      TEXT NOT NULL,
  direction     TEXT NOT NULL CHECK (direction IN ('debit', 'credit')),
  amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
  txn_date      TEXT NOT NULL,
  txn_time      TEXT NOT NULL,
  response_code TEXT,
  status        TEXT NOT NULL,
  orig_trace_no TEXT,
  orig_rrn      TEXT,
  orig_date     TEXT,
  operator      TEXT,
  order_no      TEXT,
  raw           TEXT NOT NULL,
  raw_sha256    TEXT NOT NULL
);

CREATE TABLE settlement_records (
  id            INTEGER PRIMARY KEY,
  file_id       INTEGER NOT NULL REFERENCES imported_files(id),
  line          INTEGER NOT NULL,
  merchant_id   TEXT,
  terminal_id   TEXT NOT NULL,
  batch_no      TEXT,
  trace_no      TEXT,
  rrn           TEXT,
  auth_code     TEXT,
  card_masked   TEXT,
  card_last4    TEXT,
  txn_type      TEXT NOT NULL,
  direction     TEXT NOT NULL CHECK (direction IN ('debit', 'credit')),
  amount_fen    INTEGER NOT NULL CHECK (amount_fen >= 0),
  txn_date      TEXT NOT NULL,
  txn_time      TEXT NOT NULL,
  settle_date   TEXT NOT NULL,
  fee_fen       INTEGER,
  net_fen       INTEGER,
  card_type     TEXT,
  store_name    TEXT,
  orig_trace_no TEXT,
  orig_rrn      TEXT,
  orig_date     TEXT,
  order_no      TEXT,
  raw           TEXT NOT NULL,
  raw_sha256    TEXT NOT NULL
);

-- Rows that did not become records: rejected (unusable, with the reason) or skipped (not a transaction).
CREATE TABLE rejected_rows (
  id          INTEGER PRIMARY KEY,
  file_id     INTEGER NOT NULL REFERENCES imported_files(id),
  line        INTEGER NOT NULL,
  disposition TEXT NOT NULL CHECK (disposition IN ('rejected', 'skipped')),
  reason      TEXT NOT NULL,
  raw         TEXT NOT NULL
);

CREATE TABLE match_runs (
  id          INTEGER PRIMARY KEY,
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL,
  cutoff      TEXT NOT NULL,
  matched     INTEGER NOT NULL,
  cases       INTEGER NOT NULL
);

CREATE TABLE matches (
  id            INTEGER PRIMARY KEY,
  run_id        INTEGER NOT NULL REFERENCES match_runs(id),
  terminal_id   INTEGER NOT NULL REFERENCES terminal_records(id),
  settlement_id INTEGER NOT NULL REFERENCES settlement_records(id),
  pass          TEXT NOT NULL,
  signals       TEXT NOT NULL,
  UNIQUE (run_id, terminal_id),
  UNIQUE (run_id, settlement_id)
);

CREATE TABLE cases (
  id                   TEXT NOT NULL,
  run_id               INTEGER NOT NULL REFERENCES match_runs(id),
  category             TEXT NOT NULL,
  merchant_id          TEXT,
  terminal_id          TEXT NOT NULL,
  trace_no             TEXT,
  batch_no             TEXT,
  rrn                  TEXT,
  amount_fen           INTEGER NOT NULL,
  txn_date             TEXT NOT NULL,
  txn_time             TEXT NOT NULL,
  settle_date          TEXT,
  terminal_record_id   INTEGER REFERENCES terminal_records(id),
  settlement_record_id INTEGER REFERENCES settlement_records(id),
  related_record_ids   TEXT NOT NULL,
  related_case_ids     TEXT NOT NULL,
  reason               TEXT NOT NULL,
  action               TEXT NOT NULL,
  PRIMARY KEY (run_id, id)
);

CREATE INDEX terminal_records_file ON terminal_records(file_id);
CREATE INDEX settlement_records_file ON settlement_records(file_id);
CREATE INDEX rejected_rows_file ON rejected_rows(file_id);
CREATE INDEX cases_category ON cases(run_id, category);
`;
