import type { TerminalHealth } from '../report/model.js';
import { readTerminalHealth } from '../report/terminal-health.js';
import { withStore } from '../store/open.js';
import type { AppContext } from './context.js';
import { runMatch, type MatchOptions, type MatchResult } from './run-match.js';

export function matchDatabase(dbPath: string, opts: MatchOptions, ctx: AppContext): Promise<MatchResult & { health: TerminalHealth }> {
  return withStore(dbPath, (db) => ({ ...runMatch(db, opts, ctx), health: readTerminalHealth(db) }));
}
