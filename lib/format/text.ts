// Text cut to a receiver's limit.

/**
 * `text` in at most `max` UTF-16 code units (so at most `max` characters however a receiver
 * counts them), ending in "…" when cut; a surrogate pair is never split.
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}
