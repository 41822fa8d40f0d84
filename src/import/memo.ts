/**
 * Remembers a pure function of one string. A journal repeats the same dates, types and statuses on every row;
 * parsing each once saves most of the per-row regex work. The map is dropped when full, so a file of all-distinct
 * values costs a little time, never unbounded memory.
 */
export function memo<T>(fn: (text: string) => T, max = 4096): (text: string) => T {
  let seen = new Map<string, T>();
  return (text) => {
    const hit = seen.get(text);
    if (hit !== undefined || seen.has(text)) return hit as T;
    if (seen.size >= max) seen = new Map();
    const value = fn(text);
    seen.set(text, value);
    return value;
  };
}
