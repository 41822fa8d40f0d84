import type { TxnStatus } from '../domain/txn.js';
import type { FieldKey, Remark, SlipModel, SourceRef, SourceSide } from './model.js';
import { qrPayload } from './qr.js';

export const SLIP_COPIES = ['merchant', 'cardholder', 'bank'] as const;
export type SlipCopy = (typeof SLIP_COPIES)[number];

export type TextSize = 'small' | 'normal' | 'large' | 'title';

/**
 * One printed line, before it is measured. `inline` fields put the value right-aligned on the label's line
 * when it fits (else below); `flow` fields put it right after the label when it fits (else below); `block`
 * fields always put it below; `big` ones below, in the large size.
 * Centred lines shrink (down to the small size) before they wrap.
 */
export type SlipLine =
  | { kind: 'rule' }
  | { kind: 'gap' }
  | { kind: 'center'; text: string; size: TextSize }
  | { kind: 'text'; text: string; size: TextSize; indent?: boolean }
  | { kind: 'field'; label: string; value: string; style: 'inline' | 'flow' | 'block' | 'big'; size?: TextSize }
  | { kind: 'qr'; payload: string };

/** Printed for any value posrecon does not know: never left blank, never guessed. */
export const UNKNOWN = '不详/N/A';

/** Bilingual labels as CUPS slips print them, "中文(ENGLISH):" (domain.md §7.1). */
export const LABELS: Record<FieldKey, string> = {
  merchantName: '商户名称(MERCHANT NAME):',
  merchantNameEn: '商户英文名称(MERCHANT NAME EN):',
  merchantNo: '商户编号(MERCHANT NO):',
  terminalNo: '终端编号(TERMINAL NO):',
  operator: '操作员号(OPERATOR NO):',
  issuer: '发卡行(ISSUER):',
  cardNo: '卡号(CARD NO):',
  acquirer: '收单行(ACQ):',
  txnType: '交易类型(TXN. TYPE):',
  batchNo: '批次号(BATCH NO):',
  voucherNo: '凭证号(VOUCHER NO):',
  authNo: '授权码(AUTH NO):',
  dateTime: '日期/时间(DATE/TIME):',
  refNo: '交易参考号(REF. NO):',
  amount: '金额(AMOUNT):',
};

const COPY_LABEL: Record<SlipCopy, readonly [string, string]> = {
  merchant: ['商户存根', 'MERCHANT COPY'],
  cardholder: ['持卡人存根', 'CARDHOLDER COPY'],
  bank: ['银行存根', 'BANK COPY'],
};

const STATUS_LABEL: Record<TxnStatus, string> = {
  SUCCESS: '成功(APPROVED)',
  DECLINED: '失败(DECLINED)',
  TIMEOUT: '超时(TIMEOUT)',
  REVERSED: '已冲正(REVERSED)',
  REVERSAL_FAILED: '冲正失败(REVERSAL FAILED)',
};

const SOURCE_NAME: Record<SourceSide, readonly [string, string]> = {
  terminal: ['终端流水', 'TERMINAL LOG'],
  settlement: ['收单结算文件', 'SETTLEMENT FILE'],
};

export const REPRINT_MARKER = '****重打印/DUPLICATED****';

/** The slip's lines in CUPS order (domain.md §7.1), plus the honesty marks of §7.5. */
export function slipLines(m: SlipModel, copy: SlipCopy): SlipLine[] {
  const f = (key: FieldKey, style: 'inline' | 'block' | 'big' = 'inline'): SlipLine => ({
    kind: 'field',
    label: LABELS[key],
    value: m.fields[key].value ?? UNKNOWN,
    style,
  });
  const [copyZh, copyEn] = COPY_LABEL[copy];
  const lines: SlipLine[] = [
    { kind: 'center', text: '银联POS签购单/POS SALES SLIP', size: 'title' },
    { kind: 'rule' },
    { kind: 'field', label: copyZh, value: copyEn, style: 'inline' },
    { kind: 'rule' },
    f('merchantName', 'block'),
    ...(m.fields.merchantNameEn.value ? [{ kind: 'text', text: m.fields.merchantNameEn.value, size: 'normal', indent: true } as const] : []),
    f('merchantNo'),
    f('terminalNo'),
    f('operator'),
    { kind: 'rule' },
    f('issuer'),
    f('cardNo', 'big'),
    f('acquirer'),
    f('txnType', 'big'),
    { kind: 'rule' },
    f('batchNo'),
    f('voucherNo'),
    f('authNo'),
    f('dateTime'),
    f('refNo'),
    f('amount', 'big'),
    { kind: 'rule' },
    { kind: 'text', text: '备注/REFERENCE', size: 'normal' },
    ...m.remarks.flatMap(remarkLines),
    { kind: 'gap' },
    { kind: 'center', text: REPRINT_MARKER, size: 'large' },
    { kind: 'center', text: '电子副本,非原始签购单', size: 'normal' },
    { kind: 'center', text: 'ELECTRONIC COPY, NOT THE ORIGINAL SLIP', size: 'normal' },
    { kind: 'gap' },
    ...provenance(m),
  ];
  // The cardholder copy has no signature area (domain.md §7.2); elsewhere it says why it is empty.
  if (copy !== 'cardholder') {
    lines.push(
      { kind: 'gap' },
      { kind: 'text', text: '持卡人签名(CARDHOLDER SIGNATURE):', size: 'normal' },
      { kind: 'center', text: '原件签名未留存', size: 'normal' },
      { kind: 'center', text: 'ORIGINAL SIGNATURE NOT AVAILABLE', size: 'normal' },
    );
  }
  lines.push(
    { kind: 'rule' },
    { kind: 'text', text: '本人确认以上交易,同意将其记入本卡账户', size: 'small' },
    { kind: 'text', text: 'I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES', size: 'small' },
    { kind: 'rule' },
    { kind: 'qr', payload: qrPayload(m) },
    { kind: 'center', text: '扫码核对来源行 / SCAN TO CHECK THE SOURCE', size: 'small' },
    ...(m.digest.masked
      ? [
          { kind: 'text', text: '来源行SHA-256(卡号已遮蔽):', size: 'small' } as const,
          { kind: 'text', text: 'SHA-256 OF SOURCE LINE, CARD NO MASKED:', size: 'small' } as const,
        ]
      : [{ kind: 'text', text: '来源行SHA-256 / SHA-256 OF SOURCE LINE:', size: 'small' } as const]),
    // Two rows of four 8-digit groups on either paper width, easy to compare by eye with sha256sum.
    ...[0, 32].map((at): SlipLine => ({ kind: 'text', text: (m.digest.sha256.slice(at, at + 32).match(/.{8}/g) ?? []).join(' '), size: 'small' })),
  );
  return lines;
}

function remarkLines(r: Remark, i: number, all: readonly Remark[]): SlipLine[] {
  const field = (label: string, value: string | null): SlipLine => ({ kind: 'field', label, value: value ?? UNKNOWN, style: 'inline' });
  switch (r.kind) {
    case 'origVoucher':
      return [field('原凭证号(VOUCHER):', r.value)];
    case 'origRef':
      return [field('原参考号(REFER NO):', r.value)];
    case 'origDate':
      return [field('原交易日期(DATE):', r.value)];
    case 'origAuth':
      return [field('预授权码(AUTH NO):', r.value)];
    case 'settleDate':
      return [field('清算日期(SETTLE DATE):', r.value)];
    case 'terminalStatus':
      return [field('终端显示(TERMINAL SHOWED):', STATUS_LABEL[r.status] + (r.responseCode ? ` ${r.responseCode}` : ''))];
    case 'otherSays': {
      // The values the other source disagrees on, under one heading naming that source.
      const first = all.findIndex((x) => x.kind === 'otherSays') === i;
      const [zh, en] = SOURCE_NAME[r.side];
      const heading: SlipLine[] = first ? [{ kind: 'text', text: `据${zh}不同 / ${en} DIFFERS:`, size: 'small' }] : [];
      return [...heading, field(LABELS[r.field], r.value)];
    }
  }
}

/** Names the file and line every printed value came from, and when the slip was made (domain.md §7.5). */
function provenance(m: SlipModel): SlipLine[] {
  const small = (text: string): SlipLine => ({ kind: 'text', text, size: 'small' });
  const flow = (label: string, value: string): SlipLine => ({ kind: 'field', label, value, style: 'flow', size: 'small' });
  const where = (s: SourceRef): SlipLine => flow('来源(SOURCE):', `${s.file} 第${s.line}行(LINE ${s.line})`);
  const [zh, en] = SOURCE_NAME[m.primary.side];
  const lines: SlipLine[] = [
    small(`据${zh}重打`),
    small(`REPRINTED FROM ${en}`),
    where(m.primary),
    flow('重打时间(REPRINTED AT):', m.reprintedAt),
  ];
  if (m.secondary) {
    const [zh2, en2] = SOURCE_NAME[m.secondary.side];
    lines.push(small(`另据${zh2}`), small(`ALSO FROM ${en2}`), where(m.secondary));
    if (m.secondary.filled.length > 0) {
      const names = m.secondary.filled.map((k) => LABELS[k].replace(/:$/, '')).join(', ');
      lines.push(flow('取自该行(TAKEN FROM IT):', names));
    }
  }
  return lines;
}
