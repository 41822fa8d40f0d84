import type { Command } from 'commander';
import { listCases, resolveCase, showCase, type CaseDetail } from '../../app/cases.js';
import { CASE_STATUSES, isCaseStatus, type CaseStatus } from '../../domain/case-status.js';
import { CATEGORIES, CATEGORY_LABEL, isCategory, type Category } from '../../domain/categories.js';
import { UsageError } from '../../domain/errors.js';
import { beijingTimeMarked } from '../../report/local-time.js';
import type { ReportRecord } from '../../report/model.js';
import { DB_HELP, dbPath } from '../options.js';
import { out, printTable, yuan } from '../output.js';
import type { CliState } from '../state.js';

export function parseCategory(text: string): Category {
  if (isCategory(text)) return text;
  throw new UsageError(`unknown category "${text}"`, `categories: ${CATEGORIES.join(', ')}`);
}

function parseStatus(text: string): CaseStatus {
  if (isCaseStatus(text)) return text;
  throw new UsageError(`unknown status "${text}"`, `statuses: ${CASE_STATUSES.join(', ')}`);
}

const SHOWN_FIELDS = ['txn_type', 'status', 'response_code', 'batch_no', 'trace_no', 'rrn', 'auth_code', 'card_masked', 'card_type', 'amount_fen', 'fee_fen', 'net_fen', 'txn_date', 'txn_time', 'settle_date', 'store_name', 'order_no', 'operator'];

function printRecord(label: string, r: ReportRecord | null): void {
  if (!r) return;
  out(`${label}: ${String(r['file'])}:${String(r['line'])} (file sha256 ${String(r['file_sha256']).slice(0, 16)}…)`);
  const fields = SHOWN_FIELDS.filter((k) => r[k] !== null && r[k] !== undefined).map((k) => {
    const v = r[k];
    // The stored fields are integer fen; people read yuan, so the label says yuan (--json keeps the fen).
    return k.endsWith('_fen') && typeof v === 'number' ? `${k.slice(0, -'_fen'.length)}_yuan=${yuan(v)}` : `${k}=${String(v)}`;
  });
  out(`  ${fields.join('  ')}`);
  out(`  raw: ${String(r['raw'])}`);
}

function printDetail(d: CaseDetail): void {
  const c = d.current;
  out(`case ${d.id}`);
  if (c) {
    out(`category: ${c.category} (${CATEGORY_LABEL[c.category]})`);
    // Transaction times are the files' own, Beijing time already: marked, not converted.
    out(`terminal ${c.terminal_id}, merchant ${c.merchant_id ?? 'n/a'}, trace ${c.trace_no ?? 'n/a'}, RRN ${c.rrn ?? 'n/a'}, ${c.txn_time} UTC+8, amount ${yuan(c.amount_fen)} yuan, settle date ${c.settle_date ?? 'n/a'}`);
    if (c.fee) out(`fee (yuan): charged ${yuan(c.fee.actual_fen)}, expected ${yuan(c.fee.expected_fen)}, difference ${yuan(c.fee.diff_fen)}`);
    out(`reason: ${c.reason}`);
    out(`action: ${c.action}`);
    printRecord('terminal record', c.terminal_record);
    printRecord('settlement record', c.settlement_record);
    for (const r of c.related_records) printRecord(`related (${r.role})`, r.record);
    if (c.related_case_ids.length) out(`related cases: ${c.related_case_ids.join(' ')}`);
  } else {
    out('not in the last match (the files imported since resolved it, or changed it); its status and history are kept');
  }
  const s = d.status;
  out(`status: ${s ? `${s.status} (by ${s.updated_by}, ${beijingTimeMarked(s.updated_at)})${s.note ? `: ${s.note}` : ''}` : 'open'}`);
  if (d.history.length) {
    out('history:');
    for (const h of d.history) out(`  #${h.id} ${beijingTimeMarked(h.at)} ${h.actor} ${h.action} ${h.details}`);
  }
}

const LIST_HEADER = ['id', 'category', 'terminal', 'trace', 'time (UTC+8)', 'amount (yuan)', 'RRN', 'status'];

export function registerCases(program: Command, state: CliState): void {
  const cases = program.command('cases').description('list, show and resolve the cases of the last match (default: list)');
  cases
    .command('list', { isDefault: true })
    .description('list the cases of the last match, with their status')
    .option('--category <category>', 'only this category', parseCategory)
    .option('--status <status>', `only this status (${CASE_STATUSES.join(', ')})`, parseStatus)
    .option('--json', 'one JSON object per line')
    .option('--db <path>', DB_HELP)
    .action(async (o: { category?: Category; status?: CaseStatus; json?: boolean; db?: string }) => {
      const rows = await listCases(dbPath(o.db), { ...(o.category ? { category: o.category } : {}), ...(o.status ? { status: o.status } : {}) });
      if (o.json) {
        for (const c of rows) out(JSON.stringify(c));
        return;
      }
      if (rows.length > 0) {
        const cells = rows.map((c) => [c.id, c.category, c.terminal_id, c.trace_no ?? '-', `${c.txn_date} ${c.txn_time}`, yuan(c.amount_fen), c.rrn ?? '-', c.status]);
        printTable(LIST_HEADER, cells, new Set([LIST_HEADER.indexOf('amount (yuan)')]));
      }
      out(`${rows.length} ${rows.length === 1 ? 'case' : 'cases'}`);
    });
  cases
    .command('show')
    .description('show one case: records on both sides with their source lines, reason, action, status and history')
    .argument('<id>', 'case id (c_…)')
    .option('--json', 'as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (id: string, o: { json?: boolean; db?: string }) => {
      const d = await showCase(dbPath(o.db), id);
      if (o.json) out(JSON.stringify(d, null, 2));
      else printDetail(d);
    });
  cases
    .command('resolve')
    .description('set a case status; the status survives new imports and re-matching, and the change goes into the audit log')
    .argument('<id>', 'case id (c_…)')
    .requiredOption('--status <status>', CASE_STATUSES.join('|'))
    .option('--note <text>', 'why, what was agreed, a claim number…')
    .option('--by <name>', 'who decided (default: $POSRECON_USER or the login name)')
    .option('--db <path>', DB_HELP)
    .action(async (id: string, o: { status: string; note?: string; by?: string; db?: string }) => {
      const r = await resolveCase(
        dbPath(o.db),
        { id, status: o.status, ...(o.note === undefined ? {} : { note: o.note }), ...(o.by === undefined ? {} : { by: o.by }) },
        state.ctx,
      );
      out(`${id}: ${r.previous} → ${r.current.status} (by ${r.current.updated_by})`);
    });
}
