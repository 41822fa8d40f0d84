import type { FeeSummary } from '../match/fees.js';
import { formatYuan } from '../domain/money.js';
import type { TerminalHealth } from '../report/model.js';
import { out } from './output.js';

const lines = (n: number): string => `${n} ${n === 1 ? 'line' : 'lines'}`;

/** The fee check in two lines: what was compared, and what was over- or undercharged. */
export function printFeeSummary(f: FeeSummary): void {
  if (f.rateRules === 0) {
    out('fees: not checked (no rate card: posrecon rates set … or posrecon rates import FILE.json)');
    return;
  }
  out(
    `fees: ${f.checked} settled lines checked against the rate card, ${f.withinTolerance} within ±0.01; ` +
      `overcharged ${formatYuan(f.overcharged.amountFen)} on ${lines(f.overcharged.count)}, undercharged ${formatYuan(f.undercharged.amountFen)} on ${lines(f.undercharged.count)}`,
  );
  if (f.noRate > 0) out(`fees: ${lines(f.noRate)} without a rate in the rate card, not checked`);
}

/** One line per terminal, its failures by response code, then every flag with what to do. */
export function printTerminalHealth(h: TerminalHealth): void {
  out('terminal health:');
  for (const t of h.terminals) {
    out(
      `  ${t.terminal_id}  ${t.attempts} attempts, ${t.approved} approved, ${t.declined} declined, ` +
        `${t.timeouts} timed out (${(t.timeout_rate * 100).toFixed(1)}%)`,
    );
    if (t.failures_by_code.length > 0) {
      out(`      failed: ${t.failures_by_code.map((d) => `${d.code || '(no reply)'} ${d.meaning_zh} ×${d.count}`).join(', ')}`);
    }
  }
  for (const f of h.flags) {
    out(`  ! ${f.message}`);
    out(`      处理: ${f.action_zh}`);
    out(`      action: ${f.action_en}`);
  }
  for (const n of h.notes) out(`  (${n})`);
}
