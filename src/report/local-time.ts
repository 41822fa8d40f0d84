/** An ISO instant as posrecon prints it for people: Beijing time (UTC+8), 'YYYY-MM-DD HH:MM:SS'. */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
}
