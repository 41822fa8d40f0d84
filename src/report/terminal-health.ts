import { responseAdvice } from '../domain/response-actions.js';
import type { Db } from '../store/open.js';
import { terminalHealthRepo, type AttemptGroup, type SettlementTerminal } from '../store/repos/terminal-health.js';
import type { HealthFlag, ResponseCount, TerminalHealth, TerminalHealthRow } from './model.js';

/**
 * A terminal's timeout rate is unusual from this many timeouts and this share of its attempts. Card networks
 * time out on well under 1% of messages; the generated scenarios run at 2–3% per terminal by design, so 10%
 * leaves them alone and still catches a terminal with a bad line or SIM.
 */
export const TIMEOUT_RULE = { min_timeouts: 3, min_rate: 0.1 } as const;

const TIMEOUT_STATUSES = new Set(['TIMEOUT', 'REVERSED', 'REVERSAL_FAILED']);
/** Codes that say the terminal or merchant is not set up (domain.md §12.5 "terminal-admin"): never the card's fault. */
const SETUP_CODES = new Set(['97', '03']);

function isTimeout(g: AttemptGroup): boolean {
  return TIMEOUT_STATUSES.has(g.status) || g.response_code === '98';
}

function counted(code: string, count: number): ResponseCount {
  const a = responseAdvice(code === '' ? null : code);
  return { code, count, meaning_zh: a.meaningZh, meaning_en: a.meaningEn, action_zh: a.actionZh, action_en: a.actionEn };
}

function setupFlag(t: TerminalHealthRow, codes: ReadonlySet<string>): HealthFlag {
  const only = codes.size === 1 ? [...codes][0] : undefined;
  const kind = only === '97' ? 'terminal_not_registered' : only === '03' ? 'merchant_invalid' : 'admin_codes_only';
  const a97 = responseAdvice('97');
  const a03 = responseAdvice('03');
  const what =
    kind === 'terminal_not_registered'
      ? `every one of its ${t.attempts} attempts was answered 97 (终端未登记 / terminal not registered): the acquirer does not know this terminal, or has closed it`
      : kind === 'merchant_invalid'
        ? `every one of its ${t.attempts} attempts was answered 03 (无效商户 / invalid merchant): the merchant id is not registered or is blocked`
        : `every one of its ${t.attempts} attempts was answered 97 or 03: the terminal or the merchant is not set up at the acquirer`;
  return {
    terminal_id: t.terminal_id,
    kind,
    message: `Terminal ${t.terminal_id}: ${what}. No sale on it can succeed until the acquirer fixes this.`,
    action_zh: kind === 'merchant_invalid' ? a03.actionZh : kind === 'terminal_not_registered' ? a97.actionZh : `${a97.actionZh}；${a03.actionZh}`,
    action_en: kind === 'merchant_invalid' ? a03.actionEn : kind === 'terminal_not_registered' ? a97.actionEn : `${a97.actionEn}; ${a03.actionEn}`,
  };
}

/**
 * Declines per terminal and response code with what each code means and what to do; terminals whose every
 * attempt fails with 97 or 03; unusual timeout rates; settlement terminal ids missing from the merchant registry.
 */
export function buildTerminalHealth(
  attempts: readonly AttemptGroup[],
  settlementTerminals: readonly SettlementTerminal[],
  registry: ReadonlyMap<string, string>,
): TerminalHealth {
  const byTerminal = new Map<string, AttemptGroup[]>();
  for (const g of attempts) byTerminal.set(g.terminal_id, [...(byTerminal.get(g.terminal_id) ?? []), g]);
  const terminals: TerminalHealthRow[] = [];
  const flags: HealthFlag[] = [];
  for (const [terminalId, groups] of [...byTerminal].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sum = (pick: (g: AttemptGroup) => boolean): number => groups.filter(pick).reduce((n, g) => n + g.n, 0);
    const failures = new Map<string, number>();
    for (const g of groups) if (g.status !== 'SUCCESS') failures.set(g.response_code ?? '', (failures.get(g.response_code ?? '') ?? 0) + g.n);
    const row: TerminalHealthRow = {
      terminal_id: terminalId,
      merchant_id: groups.find((g) => g.merchant_id !== null)?.merchant_id ?? null,
      attempts: sum(() => true),
      approved: sum((g) => g.status === 'SUCCESS'),
      declined: sum((g) => g.status === 'DECLINED'),
      timeouts: sum(isTimeout),
      timeout_rate: 0,
      failures_by_code: [...failures]
        .map(([code, n]) => counted(code, n))
        .sort((a, b) => b.count - a.count || (a.code < b.code ? -1 : 1)),
    };
    row.timeout_rate = row.attempts === 0 ? 0 : Math.round((row.timeouts / row.attempts) * 10_000) / 10_000;
    terminals.push(row);

    const codes = new Set(groups.map((g) => g.response_code ?? ''));
    if (row.approved === 0 && row.attempts > 0 && [...codes].every((c) => SETUP_CODES.has(c))) flags.push(setupFlag(row, codes));
    if (row.timeouts >= TIMEOUT_RULE.min_timeouts && row.timeout_rate >= TIMEOUT_RULE.min_rate) {
      const a = responseAdvice('98');
      flags.push({
        terminal_id: terminalId,
        kind: 'high_timeout_rate',
        message: `Terminal ${terminalId}: ${row.timeouts} of ${row.attempts} attempts (${(row.timeout_rate * 100).toFixed(1)}%) timed out or were reversed; check its network line, SIM or host settings.`,
        action_zh: `检查终端通讯(网络/SIM卡/主机参数)；${a.actionZh}`,
        action_en: `check the terminal's line, SIM or host parameters; ${a.actionEn}`,
      });
    }
  }
  const unregistered = registry.size === 0 ? [] : settlementTerminals.filter((s) => !registry.has(s.terminal_id));
  for (const u of unregistered) {
    flags.push({
      terminal_id: u.terminal_id,
      kind: 'not_in_registry',
      message: `Terminal ${u.terminal_id} has ${u.lines} settlement lines (${u.first_date} to ${u.last_date}) under merchant ${u.merchant_id ?? 'n/a'} but is not in the merchant registry.`,
      action_zh: '核实该终端是否为本商户设备(新换机、他人终端或收单机构挂错商户)，是则登记，否则向收单机构查询',
      action_en: "check whether it is one of your devices (a replacement, someone else's terminal, or the acquirer booking it to you by mistake): register it, or query the acquirer",
    });
  }
  const notes =
    registry.size === 0
      ? ['The merchant registry lists no terminals, so settlement terminal ids were not checked against it.']
      : [];
  return {
    terminals,
    flags,
    unregistered: unregistered.map((u) => ({ ...u })),
    registry_terminals: registry.size,
    timeout_rule: { ...TIMEOUT_RULE },
    notes,
  };
}

/** Terminal health of everything in the database. */
export function readTerminalHealth(db: Db): TerminalHealth {
  const repo = terminalHealthRepo(db);
  return buildTerminalHealth(repo.attempts(), repo.settlementTerminals(), repo.registeredTerminals());
}
