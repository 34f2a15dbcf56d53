/**
 * CPU time from Linux's /proc: a process's user + system time (all its threads, so worker
 * threads count), and the whole machine's busy time (everyone's, including whoever else
 * shares the machine). Figures are in % of one core: 100 is one core busy, 200 both of two.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

let ticksPerSecond: number | null = null;

function clockTicks(): number {
  if (ticksPerSecond === null) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

/** CPU ms a process has used so far (utime + stime of /proc/<pid>/stat); null once it is gone. */
export function processCpuMs(pid: number): number | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name (field 2) may hold spaces; the fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15)
  return (ticks * 1000) / clockTicks();
}

/** Busy and total jiffies of all cores together (/proc/stat's `cpu` line). */
export function machineCpu(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
  const values = line.trim().split(/\s+/).slice(1, 9).map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  const idle = values[3]! + values[4]!; // idle + iowait
  return { busy: total - idle, total };
}

/** A set of readings at one moment, for `percentBetween`. */
export interface CpuSnapshot {
  at: number;
  processes: Map<number, number | null>;
  machine: { busy: number; total: number };
}

export function snapshot(pids: readonly number[]): CpuSnapshot {
  return { at: performance.now(), processes: new Map(pids.map((pid) => [pid, processCpuMs(pid)])), machine: machineCpu() };
}

/** % of one core each process used between two snapshots, and the machine's (cores × 100 at most). */
export function percentBetween(before: CpuSnapshot, after: CpuSnapshot, cores: number): { processes: Map<number, number | null>; machine: number } {
  const elapsed = after.at - before.at;
  const processes = new Map<number, number | null>();
  for (const [pid, start] of before.processes) {
    const end = after.processes.get(pid);
    processes.set(pid, start === null || end === null || end === undefined ? null : (100 * (end - start)) / elapsed);
  }
  const total = after.machine.total - before.machine.total;
  const machine = total > 0 ? (100 * cores * (after.machine.busy - before.machine.busy)) / total : 0;
  return { processes, machine };
}
