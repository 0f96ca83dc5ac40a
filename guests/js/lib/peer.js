// What the harness's peers answer: the text a guest expects, with the cell's nonce before its
// newline ("echo: ping [3fa94c1b2d7e]\n"). The guest prints the reply it got, so the harness sees
// the nonce only where a real exchange took place.
import { out } from './check.js';

export function nonced(got, want) {
  const newline = want.endsWith('\n');
  const text = newline ? want.slice(0, -1) : want;
  if (newline && !got.endsWith('\n')) return false;
  const rest = newline ? got.slice(0, -1) : got;
  return rest.startsWith(`${text} [`) && rest.endsWith(']') && rest.length > text.length + 3;
}

export function printReply(got) {
  out(`reply: ${got.endsWith('\n') ? got.slice(0, -1) : got}\n`);
}
