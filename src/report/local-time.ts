/** An ISO instant as posrecon prints it for people: Beijing time (UTC+8), 'YYYY-MM-DD HH:MM:SS'. */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/**
 * The same, marked with its offset, for lines that mix times of different origins (console listings): a stored
 * UTC instant read as local time would put late-evening events on the wrong day.
 */
export function beijingTimeMarked(iso: string): string {
  return `${beijingTime(iso)} UTC+8`;
}
