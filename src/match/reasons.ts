import { formatYuan } from '../domain/money.js';
import { responseAdvice } from '../domain/response-actions.js';
import type { TxnStatus, TxnType } from '../domain/txn.js';
import type { MatchSettlement, MatchTerminal, MatchTxn } from './types.js';

/**
 * Each reason is one sentence in Chinese, then the same in English ("中文 / English"), like the actions: the
 * merchant reads the first, the acquirer's international desk or an auditor the second.
 */
const TYPE_ZH: Record<TxnType, string> = { SALE: '消费', VOID: '撤销', REFUND: '退货', AUTH: '预授权', COMPLETION: '预授权完成' };
const STATUS_ZH: Record<TxnStatus, string> = { SUCCESS: '成功', DECLINED: '失败', TIMEOUT: '超时', REVERSED: '已冲正', REVERSAL_FAILED: '冲正失败' };

// A wallet line without 设备号 is named by its order number: "terminal , trace n/a" named nothing.
function ident(r: MatchTxn): string {
  if (r.terminalId === '') return `no terminal id, order ${r.orderNo ?? 'n/a'}`;
  const parts = [`terminal ${r.terminalId}`];
  if (r.batchNo) parts.push(`batch ${r.batchNo}`);
  parts.push(`trace ${r.traceNo ?? 'n/a'}`);
  if (r.rrn) parts.push(`RRN ${r.rrn}`);
  return parts.join(', ');
}

function identZh(r: MatchTxn): string {
  if (r.terminalId === '') return `无设备号，商户订单号${r.orderNo ?? '不详'}`;
  const parts = [`终端${r.terminalId}`];
  if (r.batchNo) parts.push(`批次${r.batchNo}`);
  parts.push(`凭证号${r.traceNo ?? '不详'}`);
  if (r.rrn) parts.push(`参考号${r.rrn}`);
  return parts.join('，');
}

function what(r: MatchTxn): string {
  return `${r.txnType} of ${formatYuan(r.amountFen)} on ${r.txnDate} ${r.txnTime}`;
}

function whatZh(r: MatchTxn): string {
  return ` ${r.txnDate} ${r.txnTime} 金额 ${formatYuan(r.amountFen)} 元的${TYPE_ZH[r.txnType]}`;
}

function outcome(t: MatchTerminal): string {
  const rc = t.responseCode === null ? 'no response code' : `response ${t.responseCode} (${responseAdvice(t.responseCode).meaningEn})`;
  return `status ${t.status}, ${rc}`;
}

function outcomeZh(t: MatchTerminal): string {
  const rc = t.responseCode === null ? '无应答码' : `应答码${t.responseCode}(${responseAdvice(t.responseCode).meaningZh})`;
  return `状态${STATUS_ZH[t.status]}，${rc}`;
}

const both = (zh: string, en: string): string => `${zh} / ${en}`;

/** A settled line the covering journal does not have: the opening of every never-recorded reason. */
function notJournaled(s: MatchSettlement): { zh: string; en: string } {
  return {
    zh: `清算日 ${s.settleDate} 的对账单有一笔${whatZh(s)}(${identZh(s)}；卡号${s.cardMasked ?? '不详'})，终端${s.terminalId}的流水覆盖 ${s.txnDate}，却没有这笔交易`,
    en: `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}; card ${s.cardMasked ?? 'n/a'}), and the journal of terminal ${s.terminalId} covers ${s.txnDate}, but it has no record of it`,
  };
}

export const reasons = {
  missingInSettlement: (t: MatchTerminal, day: string, nextDayCovered: boolean): string =>
    both(
      `终端已批准${whatZh(t)}(${identZh(t)}；${outcomeZh(t)})，已导入的对账单覆盖清算日 ${day}，却没有与之对应的结算记录。` +
        (nextDayCovered ? '' : '次日对账单尚未导入：日切或节假日顺延的交易可能在次日结算，索赔前请先核对次日对账单。'),
      `The terminal approved a ${what(t)} (${ident(t)}; ${outcome(t)}); settlement day ${day} is covered by the imported settlement files, but no settlement line matches it.` +
        (nextDayCovered ? '' : ' The next day\'s file is not imported yet: a transaction past the acquirer\'s cut-off or before a holiday can settle there, so check it before claiming.'),
    ),
  voidedSaleMissing: (t: MatchTerminal, v: MatchTerminal, vLine: MatchSettlement): string =>
    both(
      `终端已批准${whatZh(t)}(${identZh(t)})，后被撤销(凭证号${v.traceNo ?? '不详'})；撤销已于清算日 ${vLine.settleDate} 结算扣回(${identZh(vLine)})，原消费却没有结算记录：商户被扣回一笔从未入账的消费。`,
      `The terminal approved a ${what(t)} (${ident(t)}), later voided (trace ${v.traceNo ?? 'n/a'}); the void settled on ${vLine.settleDate} (${ident(vLine)}) ` +
        `and took the amount back, but no settlement line pays the sale: the merchant was debited for a sale never credited.`,
    ),
  pending: (t: MatchTerminal, day: string): string =>
    both(
      `终端已批准${whatZh(t)}(${identZh(t)})，其清算日 ${day} 尚无已导入的对账单。`,
      `The terminal approved a ${what(t)} (${ident(t)}); its settlement day ${day} is not covered by any imported settlement file yet.`,
    ),
  suspectPending: (t: MatchTerminal, day: string, uncovered: readonly string[]): string =>
    both(
      `终端未获批准${whatZh(t)}(${identZh(t)}；${outcomeZh(t)})，但主机可能已扣款：只有清算日 ${day} 及次日的对账单都没有它才能排除。尚未导入清算日 ${uncovered.join('、')} 的对账单。`,
      `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), but the host may have charged it: only the settlement files of ${day} and the next day can show it did not. ` +
        `Settlement day ${uncovered.join(' and ')} is not covered by any imported file yet.`,
    ),
  timeoutSettled: (t: MatchTerminal, s: MatchSettlement): string =>
    both(
      `终端未获批准${whatZh(t)}(${identZh(t)}；${outcomeZh(t)})，收单机构却在清算日 ${s.settleDate} 扣款(${identZh(s)})。`,
      `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), yet settlement day ${s.settleDate} charged it (${ident(s)}).`,
    ),
  creditSettled: (t: MatchTerminal, s: MatchSettlement, again: MatchTerminal | undefined): string => {
    const minutes = again ? Math.round((again.at - t.at) / 60) : 0;
    const zh = again
      ? `；${minutes} 分钟后又对同一张卡做了同样金额的${TYPE_ZH[again.txnType]}(凭证号${again.traceNo ?? '不详'}，参考号${again.rrn ?? '不详'})，也已结算：持卡人收到两次退款。`
      : '：持卡人已收到这笔退款。';
    const en = again
      ? `; ${minutes} min later the same ${again.txnType} was done again for the same card (trace ${again.traceNo ?? 'n/a'}, RRN ${again.rrn ?? 'n/a'}), which also settled: the cardholder was credited twice.`
      : ': the cardholder got the money back.';
    return both(
      `终端未获批准${whatZh(t)}(${identZh(t)}；${outcomeZh(t)})，收单机构却在清算日 ${s.settleDate} 结算了它(${identZh(s)})${zh}`,
      `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), yet settlement day ${s.settleDate} settled it (${ident(s)})${en}`,
    );
  },
  duplicate: (t: MatchTerminal, s: MatchSettlement, again: MatchTerminal): string => {
    const minutes = Math.round((again.at - t.at) / 60);
    return both(
      `终端未获批准${whatZh(t)}(${identZh(t)}；${outcomeZh(t)})，但已于 ${s.settleDate} 结算(${identZh(s)})；${minutes} 分钟后同一张卡又支付了同样金额(凭证号${again.traceNo ?? '不详'}，参考号${again.rrn ?? '不详'})，也已结算：持卡人付了两次。`,
      `The terminal did not get an approval for a ${what(t)} (${ident(t)}; ${outcome(t)}), but it settled on ${s.settleDate} (${ident(s)}); ` +
        `${minutes} min later the same card paid the same amount again (trace ${again.traceNo ?? 'n/a'}, RRN ${again.rrn ?? 'n/a'}), which also settled: the customer paid twice.`,
    );
  },
  missingOnTerminal: (s: MatchSettlement): string => {
    const not = notJournaled(s);
    return both(`${not.zh}。`, `${not.en}.`);
  },
  settledTwice: (s: MatchSettlement, t: MatchTerminal, other: MatchSettlement): string => {
    const not = notJournaled(s);
    const minutes = Math.round(Math.abs(s.at - other.at) / 60);
    const otherLater = s.at < other.at;
    return both(
      `${not.zh}；` +
        `同一张卡在 ${minutes} 分钟${otherLater ? '后' : '前'}于本终端支付了同样金额(凭证号${t.traceNo ?? '不详'}，参考号${t.rrn ?? '不详'})，流水有记录且已结算(${identZh(other)})：疑似重复扣款，终端未记录的可能是一次超时或失败的尝试。`,
      `${not.en}; ` +
        `${minutes} min ${otherLater ? 'later' : 'earlier'} the same card paid the same amount on this terminal (trace ${t.traceNo ?? 'n/a'}, RRN ${t.rrn ?? 'n/a'}), which the journal has and which settled (${ident(other)}): ` +
        'possibly charged twice, the unrecorded one an attempt the terminal did not journal (a timeout or a failure).',
    );
  },
  journalNotImported: (s: MatchSettlement): string =>
    both(
      `清算日 ${s.settleDate} 的对账单有一笔${whatZh(s)}(${identZh(s)})，但尚未导入终端${s.terminalId}在 ${s.txnDate} 的流水。`,
      `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}), but no imported journal of terminal ${s.terminalId} covers ${s.txnDate}.`,
    ),
  missingOnTerminalNoDevice: (s: MatchSettlement): string =>
    both(
      `清算日 ${s.settleDate} 的对账单有一笔${whatZh(s)}(${identZh(s)})，已导入的终端流水覆盖 ${s.txnDate}，却没有这笔交易。该行未写设备号，可能来自 POS 以外的渠道(线上、小程序、其他收款码)。`,
      `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}), and the imported journals cover ${s.txnDate}, but none has a record of it. ` +
        'The line names no device, so it may come from a channel other than the POS (online, mini-program, another payment code).',
    ),
  /** `otherJournals`: journals of that day are imported, but none that could hold the line (coverage.ts floatingCovered). */
  journalNotImportedNoDevice: (s: MatchSettlement, otherJournals: boolean): string =>
    otherJournals
      ? both(
          `清算日 ${s.settleDate} 的对账单有一笔${whatZh(s)}(${identZh(s)})，该行未写设备号；已导入的 ${s.txnDate} 终端流水都不能确定属于该收款商户(${s.merchantId ?? '商户号不详'})：没有它的流水，也没有终端与它的其他此类记录配对。`,
          `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}); the line names no device, and none of the imported journals of ${s.txnDate} ` +
            `is known to belong to its merchant (${s.merchantId ?? 'no merchant id'}): none is that merchant's, and no terminal paired that merchant's other such lines.`,
        )
      : both(
          `清算日 ${s.settleDate} 的对账单有一笔${whatZh(s)}(${identZh(s)})，该行未写设备号，而已导入的终端流水都不覆盖 ${s.txnDate}。`,
          `Settlement day ${s.settleDate} has a ${what(s)} (${ident(s)}); the line names no device, and no imported journal covers ${s.txnDate}.`,
        ),
  amountMismatch: (t: MatchTerminal, s: MatchSettlement): string => {
    const diff = formatYuan(Math.abs(s.amountFen - t.amountFen));
    const less = s.amountFen < t.amountFen;
    return both(
      `终端记录(${identZh(t)})金额 ${formatYuan(t.amountFen)} 元，结算记录(清算日 ${s.settleDate})为 ${formatYuan(s.amountFen)} 元：结算${less ? '少' : '多'} ${diff} 元。`,
      `The terminal recorded ${formatYuan(t.amountFen)} for ${ident(t)} but the settlement line (${ident(s)}, day ${s.settleDate}) has ${formatYuan(s.amountFen)}: settled ${diff} ${less ? 'less' : 'more'} than the terminal approved.`,
    );
  },
  voidNotHonored: (v: MatchTerminal, sale: MatchTerminal, saleSettled: MatchSettlement): string =>
    both(
      `终端已批准撤销(${identZh(v)})原消费(凭证号${sale.traceNo ?? '不详'}，参考号${sale.rrn ?? '不详'}，${formatYuan(sale.amountFen)} 元)，但原消费已于 ${saleSettled.settleDate} 结算，且没有冲抵的撤销记录。`,
      `The terminal approved a VOID (${ident(v)}) of the sale trace ${sale.traceNo ?? 'n/a'} (RRN ${sale.rrn ?? 'n/a'}, ${formatYuan(sale.amountFen)}), ` +
        `yet the sale settled on ${saleSettled.settleDate} and no settlement line offsets it.`,
    ),
  voidPending: (v: MatchTerminal, day: string): string =>
    both(
      `终端已批准撤销(${identZh(v)})一笔已结算的消费，其清算日 ${day} 尚无已导入的对账单。`,
      `The terminal approved a VOID (${ident(v)}) of a settled sale; its settlement day ${day} is not covered by any imported settlement file yet.`,
    ),
};
