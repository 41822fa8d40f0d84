/** A CUPS terminal treats all of these as success (domain.md §3.1). */
export const APPROVED_CODES: ReadonlySet<string> = new Set(['00', '10', '11', 'A2', 'A4', 'A5', 'A6']);
