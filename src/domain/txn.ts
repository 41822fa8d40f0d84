/** Financial transaction types posrecon reconciles (domain.md §2.2). */
export const TXN_TYPES = ['SALE', 'VOID', 'REFUND', 'AUTH', 'COMPLETION'] as const;
export type TxnType = (typeof TXN_TYPES)[number];

/** What the terminal displayed at the end of the attempt. */
export const TXN_STATUSES = ['SUCCESS', 'DECLINED', 'TIMEOUT', 'REVERSED', 'REVERSAL_FAILED'] as const;
export type TxnStatus = (typeof TXN_STATUSES)[number];

export type Direction = 'debit' | 'credit';

export type Lookup<T> = { kind: 'value'; value: T } | { kind: 'non-financial' } | { kind: 'unknown' };

const TYPE_NAMES: ReadonlyArray<readonly [TxnType, readonly string[]]> = [
  ['SALE', ['消费', 'sale', 'purchase', '刷卡消费', '插卡消费', '挥卡消费', 's']],
  ['VOID', ['消费撤销', '撤销', 'void', 'cancel']],
  ['REFUND', ['退货', '隔日退货', 'refund', 'return', '退款', 'r']],
  ['AUTH', ['预授权', 'auth', 'preauth', 'pre-auth', 'pre_auth']],
  ['COMPLETION', ['预授权完成', '预授权完成(请求)', '预授权完成(通知)', '预授权完成请求', 'completion', 'auth_complete', 'p']],
];

/** Non-financial terminal events: they move no money, so a row of one is skipped, not rejected. */
const NON_FINANCIAL = ['签到', '签退', '余额查询', '查询', '结算', '批结算', '批上送', 'sign_on', 'signon', 'sign_off', 'balance', 'settlement', 'logon'];

const STATUS_NAMES: ReadonlyArray<readonly [TxnStatus, readonly string[]]> = [
  ['SUCCESS', ['成功', '交易成功', 'success', 'approved', 'ok']],
  ['DECLINED', ['失败', '交易失败', '拒绝', 'declined', 'failed', 'fail', 'rejected']],
  ['TIMEOUT', ['超时', '交易超时', '无应答', 'timeout', 'timed_out', 'no_reply']],
  ['REVERSED', ['已冲正', '冲正成功', '冲正', 'reversed']],
  ['REVERSAL_FAILED', ['冲正失败', '冲正不成功', 'reversal_failed']],
];

function index<T>(table: ReadonlyArray<readonly [T, readonly string[]]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of table) for (const name of names) map.set(fold(name), value);
  return map;
}

const TYPES = index(TYPE_NAMES);
const STATUSES = index(STATUS_NAMES);
const NON_FIN = new Set(NON_FINANCIAL.map(fold));

function fold(text: string): string {
  return text.trim().toLowerCase().replace(/（/g, '(').replace(/）/g, ')').replace(/[\s-]+/g, '_');
}

export function lookupTxnType(text: string): Lookup<TxnType> {
  const key = fold(text);
  const value = TYPES.get(key);
  if (value) return { kind: 'value', value };
  return NON_FIN.has(key) ? { kind: 'non-financial' } : { kind: 'unknown' };
}

export function lookupStatus(text: string): TxnStatus | undefined {
  return STATUSES.get(fold(text));
}

/** Voids and refunds give money back to the card; everything else takes it. */
export function directionOf(type: TxnType): Direction {
  return type === 'VOID' || type === 'REFUND' ? 'credit' : 'debit';
}

/** Type labels as printed on a CUPS slip. */
export const TYPE_LABEL: Record<TxnType, string> = {
  SALE: '消费(SALE)',
  VOID: '消费撤销(VOID)',
  REFUND: '退货(REFUND)',
  AUTH: '预授权(AUTH)',
  COMPLETION: '预授权完成(AUTH COMPLETE)',
};
