/**
 * WeChat and Alipay bill lines that name no device are stored with terminal_id ''. Looking one of them up (a
 * second copy of a file, store/repos/repeated-rows.ts) walked the terminal_id index over every such line: 32
 * lookups after a million of them took 15 s. Partial, so only those lines pay for it; by time, because a bill is
 * written in time order and the index grows at its end.
 */
export const sql = `
CREATE INDEX settlement_records_untermed_time ON settlement_records(txn_date, txn_time) WHERE terminal_id = '';
`;
