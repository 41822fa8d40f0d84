import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { setMerchant, type MerchantSettings } from '../../src/app/merchants.js';
import { renderSlips, type SlipsOptions, type SlipsResult } from '../../src/app/render-slips.js';
import { luhnValid } from '../../src/domain/pan.js';
import { qrPayload } from '../../src/slip/qr.js';
import { openStore } from '../../src/store/open.js';
import { extractPdfText } from '../helpers/pdf-text.js';
import { fixedContext, runScenario } from '../helpers/store.js';

const FIX = join(import.meta.dirname, '../fixtures/slips');
const CASES = readdirSync(FIX).filter((d) => statSync(join(FIX, d)).isDirectory()).sort();
const TMP = mkdtempSync(join(tmpdir(), 'posrecon-slips-'));
afterAll(() => rmSync(TMP, { recursive: true, force: true }));

interface FixtureArgs {
  selector: SlipsOptions['selector'];
  copies: SlipsOptions['copies'];
  widthMm: SlipsOptions['widthMm'];
  oneFile?: boolean;
  merchants: Array<Omit<MerchantSettings, 'terminals'> & { terminals?: string[] }>;
}

/** Imports and matches a fixture folder into a fresh database file, registers its merchants, renders its slips. */
async function renderFixture(name: string): Promise<SlipsResult> {
  const dir = join(FIX, name);
  const args = JSON.parse(readFileSync(join(dir, 'slips.json'), 'utf8')) as FixtureArgs;
  const tmp = mkdtempSync(join(TMP, `${name}-`));
  const dbPath = join(tmp, 'posrecon.db');
  const db = openStore(dbPath);
  await runScenario(dir, db);
  db.close();
  for (const m of args.merchants) await setMerchant(dbPath, { ...m, terminals: m.terminals ?? [] }, fixedContext);
  const opts = { dbPath, outDir: join(tmp, 'slips'), selector: args.selector, copies: args.copies, widthMm: args.widthMm };
  return renderSlips({ ...opts, oneFile: Boolean(args.oneFile) }, fixedContext);
}

/** Full card numbers in a fixture's inputs: Luhn-valid runs of 13 to 19 digits. */
function fullPans(name: string): string[] {
  const text = ['journal.csv', 'settlement.csv'].map((f) => readFileSync(join(FIX, name, f), 'utf8')).join('\n');
  return [...new Set(text.match(/(?<!\d)\d{13,19}(?!\d)/g) ?? [])].filter(luhnValid);
}

/** SHA-256 of every input line holding a full card number: printing one would let the number be brute-forced. */
function panLineDigests(name: string): string[] {
  const pans = fullPans(name);
  const lines = readFileSync(join(FIX, name, 'journal.csv'), 'utf8').replace(/^\uFEFF/, '').split(/\r?\n/);
  return lines.filter((l) => pans.some((p) => l.includes(p))).map((l) => createHash('sha256').update(l).digest('hex'));
}

describe.each(CASES)('slips fixture %s', (name) => {
  it('renders the text of expected.pdf.txt, with the file names', async () => {
    const r = await renderFixture(name);
    expect(r.files.length).toBeGreaterThan(0);
    let text = '';
    for (const f of r.files) text += `## ${basename(f)}\n${await extractPdfText(readFileSync(f))}`;
    await expect(text).toMatchFileSnapshot(join(FIX, name, 'expected.pdf.txt'));
  });

  it('embeds only the bundled font, as a subset, and prints no full card number anywhere', async () => {
    const r = await renderFixture(name);
    const pans = fullPans(name);
    const digests = panLineDigests(name);
    expect(pans.length + digests.length, 'the fixture has card numbers to look for').toBeGreaterThan(0);
    for (const f of r.files) {
      const bytes = readFileSync(f);
      const raw = bytes.toString('latin1');
      const fonts = raw.match(/\/BaseFont \/\S+/g) ?? [];
      expect(fonts.length).toBeGreaterThan(0);
      for (const font of fonts) expect(font).toMatch(/^\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular$/);
      expect(raw).toContain('/FontFile2');
      // The whole font is 10.5 MB; a subset of the glyphs of a few slips is a small fraction of that.
      expect(bytes.length).toBeLessThan(400_000);
      const text = await extractPdfText(bytes);
      const compact = text.replace(/\s+/g, '');
      const qr = r.slips.map((s) => qrPayload(s.model)).join('\n');
      for (const secret of [...pans, ...digests]) {
        for (const hay of [raw, text, compact, qr]) expect(hay.includes(secret), `${secret} in ${basename(f)}`).toBe(false);
      }
      const cardLike = (text.match(/(?<!\d)\d{13,19}(?!\d)/g) ?? []).filter(luhnValid);
      expect(cardLike).toEqual([]);
    }
  });
});

describe('slips are deterministic', () => {
  it('the same input gives byte-identical PDFs, dated from the data', async () => {
    const a = await renderFixture('timeout');
    const b = await renderFixture('timeout');
    expect(a.files.map((f) => basename(f))).toEqual(b.files.map((f) => basename(f)));
    for (const [i, f] of a.files.entries()) expect(readFileSync(f).equals(readFileSync(b.files[i] ?? '')), basename(f)).toBe(true);
    const raw = readFileSync(a.files[0] ?? '').toString('latin1');
    // 2026-03-08 09:20:00 Beijing time, the transaction's time, whatever the clock says.
    expect(infoDate(raw, 'CreationDate')).toBe('D:20260308012000Z');
    expect(infoDate(raw, 'ModDate')).toBe('D:20260308012000Z');
  });
});

/** A date of the PDF's Info dictionary: pdfkit writes it as an indirect object. */
function infoDate(raw: string, key: string): string | undefined {
  const ref = new RegExp(`/${key} (\\d+) 0 R`).exec(raw)?.[1];
  return ref ? new RegExp(`\\n${ref} 0 obj\\n\\((D:\\d{14}Z)\\)`).exec(raw)?.[1] : undefined;
}
