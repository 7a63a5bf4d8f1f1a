/** "a, b ,c" -> ["a","b","c"]: blanks dropped, duplicates once; the server validates counts and lengths. */
export function parseTags(raw: string): string[] {
  return [...new Set(raw.split(/[,#\s]+/).map((t) => t.trim()).filter(Boolean))];
}
