/**
 * What a file says about itself (WeChat summary row, Alipay footer, UnionPay RD report, statement total rows),
 * checked against its rows at import; and warnings about rows that were imported but not exactly as printed.
 */
export const sql = `
CREATE TABLE control_totals (
  id        INTEGER PRIMARY KEY,
  file_id   INTEGER NOT NULL REFERENCES imported_files(id),
  source    TEXT NOT NULL,
  measure   TEXT NOT NULL,
  label     TEXT NOT NULL,
  -- 0: a count; 2: fen; 5: 1/100000 yuan (WeChat fees carry 5 decimals)
  scale     INTEGER NOT NULL CHECK (scale IN (0, 2, 5)),
  stated    INTEGER NOT NULL,
  in_rows   INTEGER,
  imported  INTEGER,
  status    TEXT NOT NULL CHECK (status IN ('agrees', 'differs', 'unchecked'))
);

CREATE TABLE import_warnings (
  id        INTEGER PRIMARY KEY,
  file_id   INTEGER NOT NULL REFERENCES imported_files(id),
  line      INTEGER NOT NULL,
  location  TEXT NOT NULL,
  message   TEXT NOT NULL
);

CREATE INDEX control_totals_file ON control_totals(file_id);
CREATE INDEX import_warnings_file ON import_warnings(file_id);
`;
