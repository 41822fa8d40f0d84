import PDFDocument from 'pdfkit';
import { CASE_STATUS_LABEL } from '../../domain/case-status.js';
import { splitBilingual } from '../../domain/categories.js';
import { FONT_NAME, useSlipFont } from '../../slip/font.js';
import { slipLines } from '../../slip/layout.js';
import { addSlipPage, pdfBytes } from '../../slip/render-pdf.js';
import type { EvidencePack } from '../evidence/model.js';

const A4: [number, number] = [595.28, 841.89];
const M = 48;
const WIDTH = A4[0] - 2 * M;
const BOTTOM = A4[1] - 60;
const SIZE = { title: 20, h1: 14, h2: 11, body: 9.5, small: 8 } as const;
const GREY = '#555555';
const SHADE = '#EEF2F7';
const ALERT = '#B00020';

type Doc = PDFKit.PDFDocument;

function page(doc: Doc): void {
  doc.addPage({ size: A4, margins: { top: M, bottom: A4[1] - BOTTOM, left: M, right: M } });
  doc.font(FONT_NAME).fillColor('black');
}

function ensure(doc: Doc, height: number): void {
  if (doc.y + height > BOTTOM) page(doc);
}

function text(doc: Doc, s: string, size: number = SIZE.body, opts: { color?: string; indent?: number; gap?: number } = {}): void {
  const indent = opts.indent ?? 0;
  doc.fontSize(size).fillColor(opts.color ?? 'black');
  ensure(doc, doc.heightOfString(s, { width: WIDTH - indent }));
  doc.text(s, M + indent, doc.y, { width: WIDTH - indent });
  doc.y += opts.gap ?? 2;
}

function heading(doc: Doc, s: string, size: number = SIZE.h1): void {
  // A heading keeps at least a few lines of what it heads on its page.
  ensure(doc, size * 3 + (size >= SIZE.h1 ? 140 : 60));
  doc.y += size * 0.6;
  text(doc, s, size, { gap: 4 });
  doc.save().moveTo(M, doc.y).lineTo(M + WIDTH, doc.y).lineWidth(0.6).strokeColor('#99A3B0').stroke().restore();
  doc.y += 6;
}

/**
 * A table whose rows never split across pages: each row is measured first, and a row that does not fit starts a
 * new page (with the header repeated).
 */
function table(doc: Doc, widths: readonly number[], header: readonly string[] | null, rows: ReadonlyArray<{ cells: readonly string[]; alert?: boolean }>): void {
  const pad = 3;
  const height = (cells: readonly string[], size: number): number =>
    Math.max(...cells.map((c, i) => doc.fontSize(size).heightOfString(c || ' ', { width: (widths[i] ?? 50) - 2 * pad }))) + 2 * pad;
  const draw = (cells: readonly string[], opts: { fill?: string; color?: string; size?: number; isHeader?: boolean }): void => {
    const size = opts.size ?? SIZE.small;
    const h = height(cells, size);
    if (doc.y + h > BOTTOM) {
      page(doc);
      if (header && !opts.isHeader) draw(header, { fill: SHADE, isHeader: true });
    }
    const top = doc.y;
    if (opts.fill) doc.save().rect(M, top, WIDTH, h).fill(opts.fill).restore();
    let x = M;
    cells.forEach((c, i) => {
      doc.fontSize(size).fillColor(opts.color ?? 'black').text(c, x + pad, top + pad, { width: (widths[i] ?? 50) - 2 * pad });
      x += widths[i] ?? 50;
    });
    doc.save().moveTo(M, top + h).lineTo(M + WIDTH, top + h).lineWidth(0.3).strokeColor('#C8CED6').stroke().restore();
    doc.y = top + h;
  };
  if (header) {
    // A header alone at the foot of a page is no use: keep it with the first row.
    const first = rows[0];
    if (first && doc.y + height(header, SIZE.small) + height(first.cells, SIZE.small) > BOTTOM) page(doc);
    draw(header, { fill: SHADE, isHeader: true });
  }
  for (const r of rows) draw(r.cells, r.alert ? { color: ALERT } : {});
  doc.y += 6;
}

function cover(doc: Doc, p: EvidencePack): void {
  const c = p.case;
  text(doc, '争议证据包', SIZE.title, { gap: 0 });
  text(doc, 'Dispute evidence pack', SIZE.h1, { color: GREY, gap: 6 });
  text(doc, `案件 Case ${c.id} · 生成 Prepared ${p.generated_local} (UTC+8) · posrecon, ${p.prepared_by}`, SIZE.small, { color: GREY, gap: 10 });

  heading(doc, '商户 Merchant', SIZE.h2);
  const m = p.merchant;
  const source = m.name_source === 'registry' ? '商户登记 merchant registry' : m.name_source === 'settlement file' ? '结算文件 settlement file' : '';
  table(doc, [170, WIDTH - 170], null, [
    { cells: ['商户名称 Merchant name', m.name ? `${m.name}${m.name_en ? ` / ${m.name_en}` : ''}${source ? ` (${source})` : ''}` : '不详 n/a'] },
    { cells: ['商户号 Merchant no', m.merchant_id ?? '不详 n/a'] },
    { cells: ['收单机构 Acquirer', m.acquirer ?? '不详 n/a'] },
  ]);

  heading(doc, '案件 Case', SIZE.h2);
  const status = splitBilingual(CASE_STATUS_LABEL[c.status]);
  table(doc, [170, WIDTH - 170], null, [
    { cells: ['案件号 Case id', c.id] },
    { cells: ['类别 Category', `${p.category_label.zh} / ${p.category_label.en} (${c.category})`] },
    { cells: ['状态 Status', `${status.zh} / ${status.en}${c.status_note ? `: ${c.status_note}` : ''}`] },
    ...p.summary.map((s) => ({ cells: [s.label, s.value] })),
  ]);

  heading(doc, '请求收单机构 What we ask the acquirer to do', SIZE.h2);
  text(doc, p.request.zh, SIZE.body, { gap: 3 });
  text(doc, p.request.en, SIZE.body, { gap: 6 });

  heading(doc, '原因与处理 Reason and action', SIZE.h2);
  const reason = splitBilingual(c.reason);
  text(doc, `原因：${reason.zh}`, SIZE.small, { gap: 2 });
  text(doc, `Reason: ${reason.en}`, SIZE.small, { gap: 4 });
  const action = splitBilingual(c.action);
  text(doc, `处理建议：${action.zh}`, SIZE.small, { gap: 2 });
  text(doc, `Action: ${action.en}`, SIZE.small, { gap: 6 });

  heading(doc, '时限参考 Deadlines (guidance, confirm with your acquirer)', SIZE.h2);
  for (const d of p.deadlines) {
    text(doc, `• ${d.zh}`, SIZE.small, { gap: 1 });
    text(doc, `  ${d.en}`, SIZE.small, { color: GREY, gap: 4 });
  }

  heading(doc, '本证据包内容 Contents', SIZE.h2);
  text(
    doc,
    '1 封面 Cover · 2 时间线 Timeline · 3 双方记录对照 Records side by side · 4 来源 Provenance · 5 应答码 Response code · 6 签购单重打件 Reprinted slip',
    SIZE.small,
  );
}

function timeline(doc: Doc, p: EvidencePack): void {
  heading(doc, '时间线 Timeline (北京时间 Beijing time)');
  table(
    doc,
    [92, 62, WIDTH - 92 - 62 - 100, 100],
    ['时间 Time', '方 Who', '事件 Event', '来源 Source'],
    p.timeline.map((e) => ({ cells: [e.at, `${e.who.zh}${e.who.zh === e.who.en ? '' : `\n${e.who.en}`}`, `${e.what.zh}\n${e.what.en}`, e.source ?? ''] })),
  );
}

function records(doc: Doc, p: EvidencePack): void {
  heading(doc, '双方记录对照 Terminal and settlement records side by side');
  text(doc, '标 ≠ 的行两方不一致。Rows marked ≠ differ between the two sides.', SIZE.small, { color: GREY, gap: 4 });
  for (const cmp of p.comparisons) {
    heading(doc, `${cmp.title.zh} ${cmp.title.en}`, SIZE.h2);
    table(
      doc,
      [150, (WIDTH - 150) / 2, (WIDTH - 150) / 2],
      ['字段 Field', '终端流水 Terminal journal', '结算文件 Settlement file'],
      cmp.rows.map((r) => ({ cells: [`${r.differs ? '≠ ' : ''}${r.label}`, r.terminal ?? '—', r.settlement ?? '—'], alert: r.differs })),
    );
  }

  heading(doc, '来源 Provenance');
  text(doc, '每条记录的来源文件、文件SHA-256、行号、原始行(卡号已遮蔽)及原始行的SHA-256(行内卡号经本软件遮蔽者，为遮蔽后之行的SHA-256)。Each record\'s file, the file\'s SHA-256, the line number, the raw line (card numbers masked) and the line\'s SHA-256: of the line as in the file, or, where posrecon masked a card number in it, of the masked line.', SIZE.small, { color: GREY, gap: 4 });
  for (const pv of p.provenance) {
    heading(doc, `${pv.title.zh} / ${pv.title.en}`, SIZE.h2);
    table(doc, [150, WIDTH - 150], null, [
      { cells: ['文件 File', pv.file] },
      { cells: ['文件SHA-256 File SHA-256', pv.file_sha256] },
      { cells: ['行号 Line', String(pv.line)] },
      { cells: [pv.raw_masked ? '遮蔽后行SHA-256 Masked line SHA-256' : '原始行SHA-256 Line SHA-256', pv.raw_sha256] },
      { cells: ['原始行 Raw line', pv.raw] },
    ]);
  }

  heading(doc, '应答码 Response code');
  if (p.response) {
    table(doc, [150, WIDTH - 150], null, [
      { cells: ['应答码 Code', p.response.code || '无 (none: no reply reached the terminal)'] },
      { cells: ['含义 Meaning', `${p.response.meaning_zh} / ${p.response.meaning_en}`] },
      { cells: ['商户处理 Merchant action', `${p.response.action_zh}\n${p.response.action_en}`] },
    ]);
  } else {
    text(doc, '终端无此交易记录，故无应答码。There is no terminal record of this transaction, so no response code.', SIZE.small);
  }

  if (p.history.length > 0) {
    heading(doc, '案件处理记录 Case history');
    table(doc, [110, 90, WIDTH - 200], ['时间 Time', '操作人 By', '变更 Change'], p.history.map((h) => ({ cells: [h.at, h.actor, h.text] })));
  }
  text(
    doc,
    p.slip ? '附：签购单重打件见下页。Attached: the reprinted slip, on the next page.' : `无签购单重打件 No reprinted slip: ${p.slip_note ?? ''}`,
    SIZE.small,
    { color: GREY },
  );
}

/** Room under the reprinted slip for the footer, so the footer never covers the slip; and its side margin. */
const SLIP_FOOTER_ROOM = 24;
const SLIP_SIDE = 8;

/**
 * "N/total" on every page, the slip's too: the acquirer must be able to tell that a pack is whole, and a page that
 * strays from it must still name its case. Drawn last, over the buffered pages, so that the total is final.
 */
function footers(doc: Doc, p: EvidencePack): void {
  const range = doc.bufferedPageRange();
  for (let n = 1; n <= range.count; n++) {
    doc.switchToPage(range.start + n - 1);
    const a4 = doc.page.width === A4[0];
    const left = a4 ? M : SLIP_SIDE;
    const width = doc.page.width - 2 * left;
    const label = `posrecon 争议证据包 / evidence pack · ${p.case.id} · ${n}/${range.count}`;
    // The slip page is 80 mm wide: the footer shrinks to fit on one line rather than wrap onto a new page.
    let size: number = SIZE.small;
    doc.font(FONT_NAME);
    while (size > 5 && doc.fontSize(size).widthOfString(label) > width) size -= 0.5;
    doc.page.margins.bottom = 0;
    doc
      .fontSize(size)
      .fillColor(GREY)
      .text(label, left, doc.page.height - (a4 ? 40 : SLIP_FOOTER_ROOM - 6), { width, align: 'center', lineBreak: false });
  }
}

/**
 * Renders an evidence pack: cover, timeline, records side by side with provenance and the response code, then the
 * reprinted slip drawn by the slip renderer (src/slip) on a page of its own. Deterministic: the creation date is
 * the pack's preparation time, and the stream is not compressed.
 */
export function renderEvidencePdf(p: EvidencePack): Promise<Buffer> {
  const at = new Date(p.generated_at);
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: {
      Title: `争议证据包 Dispute evidence pack ${p.case.id}`,
      Subject: `${p.case.category} ${p.case.terminal_id} ${p.case.trace_no ?? ''} ${p.case.txn_time}`,
      Creator: 'posrecon',
      CreationDate: at,
      ModDate: at,
    },
  });
  const done = pdfBytes(doc);
  useSlipFont(doc);
  page(doc);
  cover(doc, p);
  timeline(doc, p);
  records(doc, p);
  if (p.slip) {
    doc.font(FONT_NAME);
    addSlipPage(doc, slipLines(p.slip, 'merchant'), 80, { footerRoom: SLIP_FOOTER_ROOM });
  }
  footers(doc, p);
  doc.end();
  return done;
}
