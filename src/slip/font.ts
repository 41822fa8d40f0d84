import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { AppError, EXIT } from '../domain/errors.js';

/** Noto Sans SC, SIL Open Font License 1.1, shipped by this npm package (a dependency: no system font, no download). */
export const FONT_PACKAGE = '@expo-google-fonts/noto-sans-sc';
const FONT_FILE = `${FONT_PACKAGE}/400Regular/NotoSansSC_400Regular.ttf`;
export const FONT_NAME = 'slip-cjk';

export function slipFontPath(): string {
  try {
    return createRequire(import.meta.url).resolve(FONT_FILE);
  } catch (cause) {
    throw new AppError(`the slip font ${FONT_FILE} is not installed`, { code: 'font', exitCode: EXIT.badInput, hint: 'run npm ci', cause });
  }
}

let bytes: Buffer | undefined;
/** The parsed font, kept between documents: parsing the 10 MB file is 80 % of a one-slip PDF's cost. */
let parsed: object | undefined;
/**
 * Text already laid out (shaped) with this font, shared between documents: slips repeat the same labels, and
 * shaping them again for every file took two thirds of the time. pdfkit keys it by text and stores glyphs of the
 * shared font at its one scale, so a shared entry is exactly what a fresh layout would give (a test compares bytes).
 * Renewed now and then so that a long run's one-off values (traces, amounts) do not pile up.
 */
let layoutCache: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
let documentsOnCache = 0;
const DOCUMENTS_PER_CACHE = 2000;

interface PdfkitFontInternals {
  font?: { layout?: unknown };
  layoutCache?: unknown;
}

/** Registers the slip font on a document and selects it. pdfkit embeds only the glyphs used (a subset). */
export function useSlipFont(doc: PDFKit.PDFDocument): void {
  if (parsed) {
    // pdfkit accepts an already parsed font (PDFFontFactory.open checks for `layout`), though its types list only byte sources.
    doc.registerFont(FONT_NAME, parsed as unknown as Buffer);
  } else {
    bytes ??= readFileSync(slipFontPath());
    doc.registerFont(FONT_NAME, bytes);
  }
  doc.font(FONT_NAME);
  // pdfkit 0.20 keeps both on its private `_font`; if a later version moves them, each document just does the work again.
  const internals = (doc as unknown as { _font?: PdfkitFontInternals })._font;
  if (!parsed && internals?.font && typeof internals.font.layout === 'function') parsed = internals.font;
  if (internals && typeof internals.layoutCache === 'object' && internals.layoutCache !== null) {
    if (++documentsOnCache > DOCUMENTS_PER_CACHE) {
      layoutCache = Object.create(null) as Record<string, unknown>;
      documentsOnCache = 1;
    }
    internals.layoutCache = layoutCache;
  }
}
