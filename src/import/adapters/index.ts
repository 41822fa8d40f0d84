import type { SourceAdapter } from '../types.js';
import { genericCsv } from './generic-csv.js';
import { jsonLines } from './jsonl.js';

/** Every format posrecon reads, in the order `posrecon formats` lists them. */
export const ADAPTERS: readonly SourceAdapter[] = [genericCsv, jsonLines];
