import type { RateRule } from '../../match/fees.js';
import type { Db } from '../open.js';

export type NewRateRule = Omit<RateRule, 'id'>;

const COLS = `id, merchant_id AS merchantId, terminal_id AS terminalId, channel, card_type AS cardType, rate_ppm AS ratePpm,
  cap_fen AS capFen, min_fen AS minFen, valid_from AS validFrom`;

/** The rate card. (The fee facts of settlement lines are read with the records: repos/match-input.ts.) */
export function feesRepo(db: Db) {
  const sameKey = `merchant_id = @merchantId AND terminal_id IS @terminalId AND channel IS @channel
    AND card_type IS @cardType AND valid_from = @validFrom`;
  const find = db.prepare(`SELECT ${COLS} FROM fee_rates WHERE ${sameKey}`);
  const update = db.prepare(`UPDATE fee_rates SET rate_ppm = @ratePpm, cap_fen = @capFen, min_fen = @minFen,
    updated_at = @updatedAt WHERE ${sameKey}`);
  const insert = db.prepare(`INSERT INTO fee_rates (merchant_id, terminal_id, channel, card_type, rate_ppm, cap_fen, min_fen,
    valid_from, updated_at) VALUES (@merchantId, @terminalId, @channel, @cardType, @ratePpm, @capFen, @minFen, @validFrom, @updatedAt)`);
  return {
    /** Adds a rule, or replaces the one with the same merchant, terminal, channel, card type and valid-from. */
    upsert(rule: NewRateRule, updatedAt: string): { rule: RateRule; replaced: RateRule | null } {
      return db.transaction(() => {
        const before = find.get(rule) as RateRule | undefined;
        if (before) update.run({ ...rule, updatedAt });
        else insert.run({ ...rule, updatedAt });
        const after = find.get(rule) as RateRule;
        return { rule: after, replaced: before ?? null };
      })();
    },
    remove(id: number): RateRule | undefined {
      const rule = db.prepare(`SELECT ${COLS} FROM fee_rates WHERE id = ?`).get(id) as RateRule | undefined;
      if (rule) db.prepare('DELETE FROM fee_rates WHERE id = ?').run(id);
      return rule;
    },
    list(): RateRule[] {
      return db
        .prepare(`SELECT ${COLS} FROM fee_rates ORDER BY merchant_id, terminal_id, channel, card_type, valid_from, id`)
        .all() as RateRule[];
    },
  };
}
