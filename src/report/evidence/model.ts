import type { Bilingual } from '../../domain/disputes.js';
import type { SlipModel } from '../../slip/model.js';
import type { ReportCase, ReportRecord } from '../model.js';

/**
 * Everything a dispute evidence pack prints, as plain data (issue 5 §4): the PDF writer only lays it out. Built
 * by build-evidence.ts from the store; every value names where it came from.
 */
export interface EvidencePack {
  /** ISO time the pack was prepared (the injected clock), also the PDF's creation date. */
  generated_at: string;
  /** The same time as printed, Beijing time. */
  generated_local: string;
  prepared_by: string;
  case: ReportCase;
  category_label: Bilingual;
  merchant: {
    merchant_id: string | null;
    name: string | null;
    name_en: string | null;
    acquirer: string | null;
    /** Where the name came from: the merchant registry, or the settlement file's store name. */
    name_source: 'registry' | 'settlement file' | null;
  };
  /** The transaction at a glance, for the cover. */
  summary: Array<{ label: string; value: string }>;
  request: Bilingual;
  deadlines: Bilingual[];
  timeline: TimelineEvent[];
  /** Terminal and settlement records side by side: the case's own pair, then related pairs (re-swipe, original sale). */
  comparisons: Comparison[];
  /** Each record with its source file, the file's SHA-256, the line, and the raw line. */
  provenance: Provenance[];
  response: { code: string; meaning_zh: string; meaning_en: string; action_zh: string; action_en: string } | null;
  /** Status changes of the case, from the audit log. */
  history: Array<{ at: string; actor: string; text: string }>;
  /** The reprinted slip (src/slip), or why there is none. */
  slip: SlipModel | null;
  slip_note: string | null;
}

export interface TimelineEvent {
  /** 'YYYY-MM-DD HH:MM:SS' Beijing time, or 'YYYY-MM-DD' for a settlement day. */
  at: string;
  who: Bilingual;
  what: Bilingual;
  /** file:line, when the event is read from a file. */
  source: string | null;
}

export interface Comparison {
  title: Bilingual;
  rows: Array<{ label: string; terminal: string | null; settlement: string | null; differs: boolean }>;
}

export interface Provenance {
  title: Bilingual;
  record: ReportRecord;
  file: string;
  file_sha256: string;
  line: number;
  raw: string;
  raw_sha256: string;
  raw_masked: boolean;
}
