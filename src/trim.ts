const isHigh = (code: number) => code >= 0xd800 && code <= 0xdbff;
const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** Keeps the head and tail of a long text; a cut never falls inside a UTF-16 surrogate pair. */
export function trim(text: string, max = 4000): string {
  if (text.length <= max) return text;
  let head = max / 2;
  if (isHigh(text.charCodeAt(head - 1))) head--;
  let tail = text.length - max / 2;
  if (isLow(text.charCodeAt(tail))) tail++;
  return `${text.slice(0, head)}\n… [${tail - head} chars trimmed] …\n${text.slice(tail)}`;
}
