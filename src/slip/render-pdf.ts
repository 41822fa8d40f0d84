import PDFDocument from 'pdfkit';
import type { SlipLine, TextSize } from './layout.js';
import { useSlipFont } from './font.js';
import { qrRuns, type QrRuns } from './qr.js';
import { wrapText } from './wrap.js';

export type SlipWidth = 58 | 80;

export interface SlipPage {
  lines: readonly SlipLine[];
}

export interface PdfOptions {
  widthMm: SlipWidth;
  title: string;
  subject: string;
  /** CreationDate and ModDate: taken from the data (the transaction), so the same input gives the same bytes. */
  date: Date;
}

const PT_PER_MM = 72 / 25.4;
/** 8.5 pt is the 24-dot CJK glyph of a 203 dpi thermal head; Latin is about half as wide (domain.md §7.5). */
const SIZE: Record<TextSize, number> = { small: 6.5, normal: 8.5, large: 11, title: 10 };
const LEADING = 1.32;
const MARGIN = 4 * PT_PER_MM;
const INDENT = 8;
const GAP = 6;
/** 30 mm: about 0.5 mm a module, 4 dots of a 203 dpi head, read by phones from paper and screen alike. */
const QR_SIDE_MM = 30;

type Op =
  | { kind: 'text'; text: string; x: number; y: number; size: number }
  | { kind: 'rule'; y: number }
  | { kind: 'qr'; x: number; y: number; module: number; runs: QrRuns['runs'] };

/** Renders slips, one per page; each page is the paper width wide and as tall as its content. */
export function renderSlipPdf(pages: readonly SlipPage[], opts: PdfOptions): Promise<Buffer> {
  const doc = new PDFDocument({
    autoFirstPage: false,
    // Uncompressed: no dependence on the zlib version for byte-identical output, and the text stays greppable.
    compress: false,
    lang: 'zh-CN',
    displayTitle: true,
    info: { Title: opts.title, Subject: opts.subject, Creator: 'posrecon', CreationDate: opts.date, ModDate: opts.date },
  });
  const done = pdfBytes(doc);
  useSlipFont(doc);
  for (const page of pages) addSlipPage(doc, page.lines, opts.widthMm);
  doc.end();
  return done;
}

/**
 * Adds one slip as a page of its own, paper-wide and as tall as its content, to a document that already uses the
 * slip font (useSlipFont): how evidence packs embed the reprinted slip. `footerRoom` (points) lengthens the page
 * below the slip, so that a caller's footer never covers what the slip says.
 */
export function addSlipPage(doc: PDFKit.PDFDocument, lines: readonly SlipLine[], widthMm: SlipWidth, opts: { footerRoom?: number } = {}): void {
  const { ops, height } = place(doc, lines, widthMm);
  doc.addPage({ size: [widthMm * PT_PER_MM, height + (opts.footerRoom ?? 0)], margin: 0 });
  for (const op of ops) draw(doc, op);
}

/** Measures and positions every line; returns the drawing operations and the page height they need. */
function place(doc: PDFKit.PDFDocument, lines: readonly SlipLine[], widthMm: SlipWidth): { ops: Op[]; height: number } {
  const pageWidth = widthMm * PT_PER_MM;
  const left = MARGIN;
  const right = pageWidth - MARGIN;
  const inner = right - left;
  const ops: Op[] = [];
  let y = MARGIN;
  const measure = (size: number) => (s: string) => doc.fontSize(size).widthOfString(s);
  const rows = (text: string, size: number, width: number, x: (w: number) => number): void => {
    for (const row of wrapText(text, width, measure(size))) {
      ops.push({ kind: 'text', text: row, x: x(measure(size)(row)), y, size });
      y += size * LEADING;
    }
  };
  for (const line of lines) {
    switch (line.kind) {
      case 'rule':
        ops.push({ kind: 'rule', y: y + 3 });
        y += 6;
        break;
      case 'gap':
        y += 4;
        break;
      case 'center': {
        let size = SIZE[line.size];
        while (size > SIZE.small && measure(size)(line.text) > inner) size -= 0.5;
        rows(line.text, size, inner, (w) => left + (inner - w) / 2);
        break;
      }
      case 'text':
        if (line.indent) rows(line.text, SIZE[line.size], inner - INDENT, () => left + INDENT);
        else rows(line.text, SIZE[line.size], inner, () => left);
        break;
      case 'field': {
        const size = SIZE[line.size ?? 'normal'];
        const fits = measure(size)(line.label) + GAP + measure(size)(line.value) <= inner;
        if (line.style === 'inline' && fits) {
          ops.push({ kind: 'text', text: line.value, x: right - measure(size)(line.value), y, size });
          rows(line.label, size, inner, () => left);
        } else if (line.style === 'flow' && fits) {
          rows(`${line.label} ${line.value}`, size, inner, () => left);
        } else {
          rows(line.label, size, inner, () => left);
          const valueSize = line.style === 'big' ? SIZE.large : size;
          rows(line.value, valueSize, inner - INDENT, () => left + INDENT);
        }
        break;
      }
      case 'qr': {
        const { size, runs } = qrRuns(line.payload);
        // A quiet zone of 4 modules above and below; the page margins give more than that at the sides.
        const module = (QR_SIDE_MM * PT_PER_MM) / size;
        y += 4 * module;
        ops.push({ kind: 'qr', x: left + (inner - size * module) / 2, y, module, runs });
        y += (size + 4) * module;
        break;
      }
    }
  }
  return { ops, height: Math.ceil(y + MARGIN) };
}

function draw(doc: PDFKit.PDFDocument, op: Op): void {
  switch (op.kind) {
    case 'text':
      doc.fontSize(op.size).fillColor('black').text(op.text, op.x, op.y, { lineBreak: false });
      break;
    case 'rule':
      doc.save().moveTo(MARGIN, op.y).lineTo(doc.page.width - MARGIN, op.y).lineWidth(0.5).dash(2, { space: 1.5 }).stroke().restore();
      break;
    case 'qr': {
      for (const r of op.runs) doc.rect(op.x + r.col * op.module, op.y + r.row * op.module, r.length * op.module, op.module);
      doc.fillColor('black').fill();
      break;
    }
  }
}

/** The document's bytes once it ends; attach before drawing, then call doc.end(). */
export function pdfBytes(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  return new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}
