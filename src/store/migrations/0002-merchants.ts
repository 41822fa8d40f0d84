/** The merchant registry: names for slip headers, and which terminals belong to which merchant. */
export const sql = `
CREATE TABLE merchants (
  merchant_id TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  name_en     TEXT,
  acquirer    TEXT,
  updated_at  TEXT NOT NULL
);

CREATE TABLE merchant_terminals (
  terminal_id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL REFERENCES merchants(merchant_id),
  label       TEXT,
  updated_at  TEXT NOT NULL
);
`;
