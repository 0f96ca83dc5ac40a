// The runner's out-of-process supervisor. On stdin it learns each process group the runner starts
// ("+PGID") and ends ("-PGID"), and each folder its runtimes work in ("@DIR", sent before the spawn,
// so a process the runner had no time to register is still found by its cwd). Stdin reaches EOF
// when the runner dies in any way, SIGKILL included; then every listed group, and every process
// working under a listed folder, is killed. Plain JS so it starts without a loader.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createInterface } from 'node:readline';

const groups = new Set();
const dirs = new Set();

function kill(target) {
  try {
    process.kill(target, 'SIGKILL');
  } catch {
    /* already gone */
  }
}

/** Processes whose cwd is under one of the folders, as [pid, process group]. */
function working(under) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const cwd = readlinkSync(`/proc/${name}/cwd`);
      if (![...under].some((d) => cwd === d || cwd.startsWith(`${d}/`))) continue;
      // The process group is the 5th field of /proc/PID/stat, after the parenthesised name.
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      found.push([Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])]);
    } catch {
      /* gone, or not readable */
    }
  }
  return found;
}

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  const rest = line.slice(1);
  if (line[0] === '@' && rest.startsWith('/')) return void dirs.add(rest);
  const pgid = Number(rest);
  if (!Number.isInteger(pgid) || pgid <= 1) return;
  if (line[0] === '+') groups.add(pgid);
  else groups.delete(pgid);
});
lines.on('close', () => {
  for (const pgid of groups) kill(-pgid);
  if (dirs.size) {
    const found = working(dirs);
    const leaders = new Set(found.filter(([pid, pgid]) => pid === pgid).map(([pid]) => pid));
    // A whole group only when its leader is one of ours (runtimes start detached, each its own group).
    for (const [pid, pgid] of found) kill(leaders.has(pgid) ? -pgid : pid);
  }
  process.exit(0);
});
// The runner's own Ctrl-C or SIGTERM must not take the supervisor down before it has swept.
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => undefined);
