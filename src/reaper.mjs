// The runner's out-of-process supervisor: it learns each process group the runner starts ("+PGID")
// and ends ("-PGID") on stdin. Stdin reaches EOF when the runner dies in any way, SIGKILL included;
// the groups still listed then are killed. Plain JS so it starts without a loader.
import { createInterface } from 'node:readline';

const live = new Set();
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const pgid = Number(line.slice(1));
  if (!Number.isInteger(pgid) || pgid <= 1) return;
  if (line[0] === '+') live.add(pgid);
  else live.delete(pgid);
});
lines.on('close', () => {
  for (const pgid of live) {
    try {
      process.kill(-pgid, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  process.exit(0);
});
// The runner's own Ctrl-C or SIGTERM must not take the supervisor down before it has swept.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => undefined);
