import { CATEGORY_LABEL, CREDIT_SETTLED_LABEL, splitBilingual } from '../../domain/categories.js';
import { CREDIT_SETTLED_REQUEST, deadlineGuidance, DISPUTE_REQUEST, type Bilingual } from '../../domain/disputes.js';
import type { IsoDate } from '../../domain/dates.js';
import { formatYuan } from '../../domain/money.js';
import { responseAdvice } from '../../domain/response-actions.js';
import { TXN_STATUSES, TXN_TYPES, type TxnStatus, type TxnType } from '../../domain/txn.js';
import { buildSlipModel, type MerchantInfo, type SlipSourceRecord } from '../../slip/model.js';
import type { Db } from '../../store/open.js';
import { auditRepo } from '../../store/repos/audit.js';
import { filesRepo } from '../../store/repos/files.js';
import { merchantsRepo } from '../../store/repos/merchants.js';
import { reportDataRepo } from '../../store/repos/report-data.js';
import { toReportCase } from '../build-model.js';
import { beijingTime } from '../local-time.js';
import type { ReportCase, ReportRecord } from '../model.js';
import { money, str } from './fields.js';
import type { Comparison, EvidencePack, Provenance, TimelineEvent } from './model.js';
import { noLineEvent, unhonouredVoid, VOID_TITLE, voidSummary, withNoLineRow, type SummaryRow } from './unhonoured-void.js';

const STATUS_TEXT: Record<string, Bilingual> = {
  SUCCESS: { zh: '成功', en: 'APPROVED' },
  DECLINED: { zh: '失败', en: 'DECLINED' },
  TIMEOUT: { zh: '超时', en: 'TIMED OUT' },
  REVERSED: { zh: '已冲正', en: 'REVERSED' },
  REVERSAL_FAILED: { zh: '冲正失败', en: 'REVERSAL FAILED' },
};

const TERMINAL: Bilingual = { zh: '终端', en: 'Terminal' };
const ACQUIRER: Bilingual = { zh: '收单机构', en: 'Acquirer' };
const POSRECON: Bilingual = { zh: 'posrecon', en: 'posrecon' };

/** A failed void or refund that settled credited the card: it asks for the opposite of a charged timeout. */
const isSettledCredit = (c: ReportCase): boolean => c.category === 'timeout_but_settled' && str(c.terminal_record, 'direction') === 'credit';

function requestOf(c: ReportCase): Bilingual {
  if (!isSettledCredit(c)) return DISPUTE_REQUEST[c.category];
  return related(c, 'reswipe') ? CREDIT_SETTLED_REQUEST.twice : CREDIT_SETTLED_REQUEST.once;
}

const ROLE_TITLE: Record<string, Bilingual> = {
  case: { zh: '本案交易', en: 'This transaction' },
  reswipe: { zh: '重刷交易', en: 'The re-swipe' },
  original_sale: { zh: '被撤销的原消费', en: 'The original sale (voided)' },
  void: { zh: '撤销交易', en: 'The void' },
};

/** Compared field by field; a value on one side only is information, not a difference. */
const FIELDS: ReadonlyArray<readonly [string, (r: ReportRecord | null) => string | null]> = [
  ['交易类型 Type', (r) => str(r, 'txn_type')],
  ['终端状态 Terminal status', (r) => str(r, 'status')],
  ['应答码 Response code', (r) => str(r, 'response_code')],
  ['商户号 Merchant no', (r) => str(r, 'merchant_id')],
  ['终端号 Terminal no', (r) => str(r, 'terminal_id')],
  ['批次号 Batch no', (r) => str(r, 'batch_no')],
  ['凭证号 Voucher (trace) no', (r) => str(r, 'trace_no')],
  ['参考号 Reference no (RRN)', (r) => str(r, 'rrn')],
  ['授权码 Auth code', (r) => str(r, 'auth_code')],
  ['卡号 Card no', (r) => str(r, 'card_masked')],
  ['卡类别 Card type', (r) => str(r, 'card_type')],
  ['金额 Amount', (r) => money(r, 'amount_fen')],
  ['交易时间 Date/time', (r) => (r ? `${str(r, 'txn_date') ?? ''} ${str(r, 'txn_time') ?? ''}`.trim() || null : null)],
  ['清算日期 Settlement date', (r) => str(r, 'settle_date')],
  ['手续费 Fee', (r) => money(r, 'fee_fen')],
  ['结算金额 Net amount', (r) => money(r, 'net_fen')],
  ['商户名称 Store name', (r) => str(r, 'store_name')],
  ['订单号 Order no', (r) => str(r, 'order_no')],
  ['操作员 Operator', (r) => str(r, 'operator')],
  ['原凭证号 Original trace', (r) => str(r, 'orig_trace_no')],
  ['原参考号 Original RRN', (r) => str(r, 'orig_rrn')],
];

function compare(title: Bilingual, t: ReportRecord | null, s: ReportRecord | null): Comparison {
  const rows = FIELDS.map(([label, get]) => {
    const a = get(t);
    const b = get(s);
    return { label, terminal: a, settlement: b, differs: a !== null && b !== null && a !== b };
  }).filter((r) => r.terminal !== null || r.settlement !== null);
  return { title, rows };
}

function provenance(title: Bilingual, r: ReportRecord | null): Provenance[] {
  if (!r) return [];
  return [
    {
      title,
      record: r,
      file: String(r['file']),
      file_sha256: String(r['file_sha256']),
      line: Number(r['line']),
      raw: String(r['raw']),
      raw_sha256: String(r['raw_sha256']),
      raw_masked: r['raw_masked'] === 1,
    },
  ];
}

const where = (r: ReportRecord): string => `${String(r['file'])}:${String(r['line'])}`;

function terminalEvent(r: ReportRecord, label: Bilingual): TimelineEvent {
  const status = STATUS_TEXT[String(r['status'])] ?? { zh: String(r['status']), en: String(r['status']) };
  const code = str(r, 'response_code');
  const advice = responseAdvice(code);
  const codeZh = code ? `应答码 ${code}(${advice.meaningZh})` : '无应答码';
  const codeEn = code ? `response code ${code} (${advice.meaningEn})` : 'no response code';
  return {
    at: `${str(r, 'txn_date')} ${str(r, 'txn_time')}`,
    who: TERMINAL,
    what: {
      zh: `${label.zh}：终端发起${str(r, 'txn_type')} ${money(r, 'amount_fen')}(凭证号 ${str(r, 'trace_no') ?? '不详'})，终端显示${status.zh}，${codeZh}`,
      en: `${label.en}: the terminal sent a ${str(r, 'txn_type')} of ${money(r, 'amount_fen')} (trace ${str(r, 'trace_no') ?? 'n/a'}); it showed ${status.en}, ${codeEn}`,
    },
    source: where(r),
  };
}

function settlementEvents(r: ReportRecord, label: Bilingual): TimelineEvent[] {
  const ids = `参考号 ${str(r, 'rrn') ?? '不详'}，授权码 ${str(r, 'auth_code') ?? '不详'}`;
  const idsEn = `RRN ${str(r, 'rrn') ?? 'n/a'}, auth code ${str(r, 'auth_code') ?? 'n/a'}`;
  const fee = money(r, 'fee_fen');
  return [
    {
      at: `${str(r, 'txn_date')} ${str(r, 'txn_time')}`,
      who: ACQUIRER,
      what: {
        zh: `${label.zh}：收单机构记录${str(r, 'txn_type')} ${money(r, 'amount_fen')}(${ids})`,
        en: `${label.en}: the acquirer recorded a ${str(r, 'txn_type')} of ${money(r, 'amount_fen')} (${idsEn})`,
      },
      source: where(r),
    },
    {
      at: String(r['settle_date']),
      who: ACQUIRER,
      what: {
        zh: `${label.zh}：清算日 ${String(r['settle_date'])} 清算${fee ? `，手续费 ${fee}，结算金额 ${money(r, 'net_fen') ?? '不详'}` : ''}`,
        en: `${label.en}: cleared on settlement day ${String(r['settle_date'])}${fee ? `, fee ${fee}, net ${money(r, 'net_fen') ?? 'n/a'}` : ''}`,
      },
      source: where(r),
    },
  ];
}

function slipSource(r: ReportRecord | null, side: 'terminal' | 'settlement'): SlipSourceRecord | null {
  if (!r) return null;
  const type = str(r, 'txn_type') ?? '';
  const status = str(r, 'status');
  return {
    side,
    file: String(r['file']),
    line: Number(r['line']),
    raw: String(r['raw']),
    rawSha256: String(r['raw_sha256']),
    rawMasked: r['raw_masked'] === 1,
    merchantId: str(r, 'merchant_id'),
    terminalId: String(r['terminal_id']),
    batchNo: str(r, 'batch_no'),
    traceNo: str(r, 'trace_no'),
    rrn: str(r, 'rrn'),
    authCode: str(r, 'auth_code'),
    cardMasked: str(r, 'card_masked'),
    txnType: ((TXN_TYPES as readonly string[]).includes(type) ? type : 'SALE') as TxnType,
    amountFen: Number(r['amount_fen']),
    txnDate: String(r['txn_date']),
    txnTime: String(r['txn_time']),
    origTraceNo: str(r, 'orig_trace_no'),
    origRrn: str(r, 'orig_rrn'),
    origDate: str(r, 'orig_date'),
    status: status !== null && (TXN_STATUSES as readonly string[]).includes(status) ? (status as TxnStatus) : null,
    responseCode: str(r, 'response_code'),
    operator: str(r, 'operator'),
    settleDate: str(r, 'settle_date'),
    storeName: str(r, 'store_name'),
  };
}

function related(c: ReportCase, role: string): ReportRecord | null {
  return c.related_records.find((r) => r.role === role)?.record ?? null;
}

export interface EvidenceOptions {
  now: Date;
  preparedBy: string;
  /** As the slip prints it, e.g. "2026-03-10 16:00 UTC+8". */
  reprintedAt: string;
}

/** Reads one case and everything about it into an evidence pack. Returns undefined for an unknown case id. */
export function buildEvidencePack(db: Db, caseId: string, opts: EvidenceOptions): EvidencePack | undefined {
  const data = reportDataRepo(db);
  const row = data.case(caseId);
  if (!row) return undefined;
  const c = toReportCase(data, row);
  const t = c.terminal_record;
  const unhonoured = unhonouredVoid(c, (role) => related(c, role));
  const s = unhonoured ? null : c.settlement_record;

  const merchants = merchantsRepo(db);
  const registryMid = merchants.terminal(c.terminal_id)?.merchant_id ?? null;
  const mid = c.merchant_id ?? registryMid;
  const reg = mid ? merchants.get(mid) : undefined;
  // The merchant's name on the sale's line names the void's merchant too.
  const storeName = str(c.settlement_record, 'store_name');
  const merchant: EvidencePack['merchant'] = {
    merchant_id: mid,
    name: reg?.name ?? storeName,
    name_en: reg?.name_en ?? null,
    acquirer: reg?.acquirer ?? null,
    name_source: reg ? 'registry' : storeName ? 'settlement file' : null,
  };

  const label = splitBilingual(isSettledCredit(c) ? CREDIT_SETTLED_LABEL : CATEGORY_LABEL[c.category]);
  const primary = t ?? s;
  const identifiers = (settled: string): SummaryRow[] => [
    { label: '终端号 Terminal no', value: c.terminal_id },
    { label: '批次号 Batch no', value: c.batch_no ?? '不详 n/a' },
    { label: '凭证号 Voucher (trace) no', value: c.trace_no ?? '不详 n/a' },
    { label: '参考号 Reference no (RRN)', value: c.rrn ?? '不详 n/a' },
    { label: '授权码 Auth code', value: str(s, 'auth_code') ?? str(t, 'auth_code') ?? '不详 n/a' },
    { label: '卡号 Card no', value: str(primary, 'card_masked') ?? '不详 n/a' },
    { label: '交易时间 Date/time', value: c.txn_time },
    { label: '金额 Amount', value: `RMB ${formatYuan(c.amount_fen)}` },
    { label: '清算日期 Settlement date', value: settled },
  ];
  const summary = unhonoured ? voidSummary(unhonoured, identifiers) : [
    ...identifiers(c.settle_date ?? '不详 n/a'),
    ...(c.fee
      ? [
          { label: '实收手续费 Fee charged', value: `RMB ${formatYuan(c.fee.actual_fen)}` },
          { label: '应收手续费 Fee per rate card', value: `RMB ${formatYuan(c.fee.expected_fen)}` },
        ]
      : []),
  ];

  const caseLabel: Bilingual = unhonoured ? VOID_TITLE : (ROLE_TITLE['case'] ?? { zh: '', en: '' });
  const reswipe = ROLE_TITLE['reswipe'] ?? caseLabel;
  const original = ROLE_TITLE['original_sale'] ?? caseLabel;
  const pairs: Array<{ title: Bilingual; t: ReportRecord | null; s: ReportRecord | null }> = [
    { title: caseLabel, t, s },
    ...(related(c, 'reswipe') || related(c, 'reswipe_settlement') ? [{ title: reswipe, t: related(c, 'reswipe'), s: related(c, 'reswipe_settlement') }] : []),
    ...(related(c, 'original_sale') || related(c, 'original_sale_settlement')
      ? [{ title: original, t: related(c, 'original_sale'), s: related(c, 'original_sale_settlement') }]
      : []),
    ...(related(c, 'void') || related(c, 'void_settlement')
      ? [{ title: ROLE_TITLE['void'] ?? caseLabel, t: related(c, 'void'), s: related(c, 'void_settlement') }]
      : []),
  ];

  const files = filesRepo(db).list();
  const timeline: TimelineEvent[] = [];
  for (const p of pairs) {
    if (p.t) timeline.push(terminalEvent(p.t, p.title));
    if (p.s) timeline.push(...settlementEvents(p.s, p.title));
  }
  const absent = unhonoured ? noLineEvent(c, ACQUIRER) : null;
  if (absent) timeline.push(absent);
  const cited = new Set(pairs.flatMap((p) => [p.t, p.s]).filter((r) => r !== null).map((r) => `${String(r['file'])}|${String(r['file_sha256'])}`));
  for (const f of files) {
    if (!cited.has(`${f.name}|${f.sha256}`)) continue;
    timeline.push({
      at: beijingTime(f.imported_at),
      who: POSRECON,
      what: {
        zh: `导入${f.side === 'terminal' ? '终端流水' : '结算文件'} ${f.name}(SHA-256 ${f.sha256.slice(0, 16)}…)`,
        en: `imported the ${f.side === 'terminal' ? 'terminal journal' : 'settlement file'} ${f.name} (SHA-256 ${f.sha256.slice(0, 16)}…)`,
      },
      source: null,
    });
  }
  const run = data.latestRun();
  if (run) {
    timeline.push({
      at: beijingTime(run.finished_at),
      who: POSRECON,
      what: { zh: `对账(第${run.id}次匹配)发现本案：${label.zh}`, en: `match run #${run.id} found this case: ${label.en}` },
      source: null,
    });
  }
  const audit = auditRepo(db).list({ caseId: c.id });
  const history = audit.map((e) => {
    const d = JSON.parse(e.details) as { from?: string; to?: string; note?: string | null };
    return { at: beijingTime(e.at), actor: e.actor, text: `${d.from ?? '?'} → ${d.to ?? '?'}${d.note ? `: ${d.note}` : ''}` };
  });
  for (const h of history) {
    timeline.push({ at: h.at, who: { zh: h.actor, en: h.actor }, what: { zh: `案件状态 ${h.text}`, en: `case status ${h.text}` }, source: null });
  }
  // A settlement day has no time: it sorts after that day's transactions.
  const key = (e: TimelineEvent): string => (e.at.length === 10 ? `${e.at} 99` : e.at);
  timeline.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));

  const code = t ? str(t, 'response_code') : null;
  const advice = responseAdvice(code);
  const info: MerchantInfo | null = reg ? { merchantId: reg.merchant_id, name: reg.name, nameEn: reg.name_en, acquirer: reg.acquirer } : null;
  const slipNote = !t && !s ? 'no record to rebuild a slip from' : null;
  const slip =
    slipNote === null
      ? buildSlipModel({
          terminal: slipSource(t, 'terminal'),
          // A line of another type is another transaction, so not on this slip.
          settlement: t && s && t['txn_type'] !== s['txn_type'] ? null : slipSource(s, 'settlement'),
          merchant: info,
          registryMerchantId: registryMid,
          reprintedAt: opts.reprintedAt,
        })
      : null;

  return {
    generated_at: opts.now.toISOString(),
    generated_local: beijingTime(opts.now.toISOString()),
    prepared_by: opts.preparedBy,
    case: c,
    category_label: label,
    merchant,
    summary,
    request: requestOf(c),
    deadlines: deadlineGuidance((primary ? String(primary['txn_date']) : c.txn_time.slice(0, 10)) as IsoDate),
    timeline,
    comparisons: pairs.map((p, i) => (unhonoured && i === 0 ? withNoLineRow(compare(p.title, p.t, p.s)) : compare(p.title, p.t, p.s))),
    provenance: pairs.flatMap((p) => [
      ...provenance({ zh: `${p.title.zh} · 终端流水`, en: `${p.title.en} · terminal journal` }, p.t),
      ...provenance({ zh: `${p.title.zh} · 结算文件`, en: `${p.title.en} · settlement file` }, p.s),
    ]),
    response: t
      ? { code: code ?? '', meaning_zh: advice.meaningZh, meaning_en: advice.meaningEn, action_zh: advice.actionZh, action_en: advice.actionEn }
      : null,
    history,
    slip,
    slip_note: slipNote,
  };
}
