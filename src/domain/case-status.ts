/** Where a case stands in the merchant's workflow (issue 5 §5). A case nobody has touched is open. */
export const CASE_STATUSES = ['open', 'disputed', 'resolved', 'written_off'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

export function isCaseStatus(text: string): text is CaseStatus {
  return (CASE_STATUSES as readonly string[]).includes(text);
}

export const CASE_STATUS_LABEL: Record<CaseStatus, string> = {
  open: '待处理 / open',
  disputed: '已提出差错 / disputed',
  resolved: '已解决 / resolved',
  written_off: '已核销 / written off',
};
