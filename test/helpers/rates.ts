import type { NewRateRule } from '../../src/store/repos/fees.js';

/** A rate rule of one merchant that applies to every terminal, channel and card type unless `r` narrows it. */
export function rateRuleOf(merchantId: string) {
  return (r: Partial<NewRateRule> & Pick<NewRateRule, 'ratePpm'>): NewRateRule => ({
    merchantId,
    terminalId: null,
    channel: null,
    cardType: null,
    capFen: null,
    minFen: null,
    validFrom: '2026-01-01',
    ...r,
  });
}
