/** Canonical field names every adapter maps its columns onto. */
export const FIELDS = [
  'merchant_id',
  'terminal_id',
  'batch_no',
  'trace_no',
  'rrn',
  'auth_code',
  'card_no',
  'txn_type',
  'amount',
  'amount_fen',
  'txn_date',
  'txn_time',
  'txn_datetime',
  'response_code',
  'status',
  'orig_trace_no',
  'orig_rrn',
  'orig_date',
  'operator',
  'order_no',
  'settle_date',
  'fee',
  'fee_fen',
  'net_amount',
  'net_amount_fen',
  'card_type',
  'store_name',
] as const;
export type Field = (typeof FIELDS)[number];
export type FieldMap = Partial<Record<Field, string>>;

/** Header names accepted for each field, compared case-insensitively with surrounding spaces ignored. */
export const ALIASES: Record<Field, readonly string[]> = {
  merchant_id: ['merchant_id', 'mid', 'merchant_no', '商户号', '商户编号', '商户代码'],
  terminal_id: ['terminal_id', 'tid', 'terminal_no', '终端号', '终端编号', '终端代码'],
  batch_no: ['batch_no', 'batch', '批次号', '交易批次号'],
  trace_no: ['trace_no', 'voucher_no', 'stan', '凭证号', '流水号', '系统跟踪号', '终端流水号'],
  rrn: ['rrn', 'reference_no', 'ref_no', '参考号', '交易参考号', '系统参考号', '检索参考号'],
  auth_code: ['auth_code', 'auth_no', '授权码', '授权号'],
  card_no: ['card_no', 'pan', 'card', '卡号', '交易卡号'],
  txn_type: ['txn_type', 'type', 'transaction_type', '交易类型'],
  amount: ['amount', '金额', '交易金额'],
  amount_fen: ['amount_fen'],
  txn_date: ['txn_date', 'date', '交易日期'],
  txn_time: ['txn_time', 'time', '交易时间'],
  txn_datetime: ['txn_datetime', 'datetime', 'txn_at', '交易日期时间', '交易时间戳'],
  response_code: ['response_code', 'rc', 'resp_code', '应答码', '响应码', '返回码'],
  status: ['status', 'txn_status', '交易状态', '状态'],
  orig_trace_no: ['orig_trace_no', 'original_trace_no', '原凭证号', '原流水号'],
  orig_rrn: ['orig_rrn', 'original_rrn', '原参考号', '原交易参考号'],
  orig_date: ['orig_date', 'original_date', '原交易日期'],
  operator: ['operator', 'operator_no', '操作员', '操作员号'],
  order_no: ['order_no', '商户订单号', '订单号'],
  settle_date: ['settle_date', 'settlement_date', '清算日期', '结算日期'],
  fee: ['fee', '手续费'],
  fee_fen: ['fee_fen'],
  net_amount: ['net_amount', 'settle_amount', '结算金额', '清算金额', '清算净额'],
  net_amount_fen: ['net_amount_fen'],
  card_type: ['card_type', '卡类别', '卡类型'],
  store_name: ['store_name', 'merchant_name', '门店名称', '商户名称'],
};

/** Money fields whose header may declare fen instead of yuan, e.g. "交易金额(分)" or "amount_fen". */
const FEN_VARIANT: Partial<Record<Field, Field>> = { amount: 'amount_fen', fee: 'fee_fen', net_amount: 'net_amount_fen' };

const LOOKUP = new Map<string, Field>();
for (const field of FIELDS) for (const alias of ALIASES[field]) LOOKUP.set(foldHeader(alias), field);

export function foldHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（]/g, '(')
    .replace(/[）]/g, ')')
    .trim()
    .toLowerCase()
    .replace(/\s+/g, '_');
}

/** Maps one header cell to a field, honouring a unit suffix: (元) keeps yuan, (分) or _fen means fen. */
export function fieldForHeader(header: string): Field | undefined {
  const folded = foldHeader(header);
  const unit = /\((分|元|fen|yuan|rmb)\)$/.exec(folded);
  const base = unit ? folded.slice(0, unit.index).replace(/_+$/, '') : folded;
  const field = LOOKUP.get(base);
  if (!field) return undefined;
  if (unit?.[1] === '分' || unit?.[1] === 'fen') return FEN_VARIANT[field] ?? field;
  return field;
}
