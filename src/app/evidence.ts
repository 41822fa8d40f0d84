import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Category } from '../domain/categories.js';
import { UsageError } from '../domain/errors.js';
import { buildEvidencePack } from '../report/evidence/build-evidence.js';
import type { EvidencePack } from '../report/evidence/model.js';
import { renderEvidencePdf } from '../report/writers/evidence-pdf.js';
import { withStore } from '../store/open.js';
import { latestRun } from '../store/repos/match-results.js';
import { reportDataRepo } from '../store/repos/report-data.js';
import { actorOf, type AppContext } from './context.js';
import { reprintTime } from './render-slips.js';

export type EvidenceTarget = { caseId: string; outFile: string } | { category: Category; outDir: string };

export interface EvidenceResult {
  written: Array<{ path: string; caseId: string }>;
}

const safe = (s: string): string => s.replace(/[^0-9A-Za-z_]+/g, '_');

/** "evidence-10012345-000103-20260308-c_1234abcd5678ef90.pdf": what a bank asks for, and the case. */
export function evidenceFileName(p: EvidencePack): string {
  const c = p.case;
  return `evidence-${safe(c.terminal_id)}-${safe(c.trace_no ?? c.rrn ?? 'na')}-${c.txn_time.slice(0, 10).replace(/-/g, '')}-${c.id}.pdf`;
}

async function writeAtomically(path: string, data: Buffer): Promise<void> {
  const tmp = `${path}.tmp-${process.pid}`;
  await writeFile(tmp, data);
  try {
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw e;
  }
}

/** Builds and writes the dispute evidence pack of one case, or of every case of a category (one PDF each). */
export async function writeEvidence(dbPath: string, target: EvidenceTarget, ctx: AppContext): Promise<EvidenceResult> {
  const now = ctx.now();
  const opts = { now, preparedBy: actorOf(ctx), reprintedAt: reprintTime(now) };
  const packs = await withStore(dbPath, (db) => {
    if (!latestRun(db)) throw new UsageError(`${dbPath}: nothing matched yet`, 'run: posrecon match');
    if ('caseId' in target) {
      const p = buildEvidencePack(db, target.caseId, opts);
      if (!p) throw new UsageError(`no case ${target.caseId} in the last match`, 'list them: posrecon cases list');
      return [p];
    }
    return reportDataRepo(db)
      .cases({ category: target.category })
      .map((c) => buildEvidencePack(db, c.id, opts))
      .filter((p): p is EvidencePack => p !== undefined);
  });
  const written: EvidenceResult['written'] = [];
  for (const p of packs) {
    const path = 'caseId' in target ? target.outFile : join(target.outDir, evidenceFileName(p));
    await mkdir(dirname(path), { recursive: true });
    await writeAtomically(path, await renderEvidencePdf(p));
    written.push({ path, caseId: p.case.id });
  }
  return { written };
}
