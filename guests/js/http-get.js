// Outgoing HTTP through StarlingMonkey's fetch (wasi:http/outgoing-handler, WASI 0.2): GET from
// the harness's loopback server (argv[1] = ip:port) and read status and body.
// world: import wasi:http/outgoing-handler@0.2.12;
import { getArguments } from 'wasi:cli/environment@0.2.12';
import { check, status } from './lib/check.js';
import { nonced, printReply } from './lib/peer.js';

export async function main() {
  const peer = getArguments()[1];
  let response = null;
  let error = null;
  try {
    response = await fetch(`http://${peer}/wasi-matrix`);
  } catch (e) {
    error = e;
  }
  check(response?.status === 200, 'status', String(response?.status ?? error));
  const body = response ? await response.text() : '';
  printReply(body);
  check(nonced(body, 'hello from the harness: /wasi-matrix'), 'body', JSON.stringify(body));
  return status();
}
