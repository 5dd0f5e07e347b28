/**
 * Preloaded into the server by bench/import-latency.ts (`node --import tsx --import ./bench/stall-recorder.ts
 * dist/server.js`, with STALL_LOG=<file>): records each stall of the event loop — a 1 ms timer that fired more than
 * STALL_MS (default 20) late — with how long it was late and how much CPU time the process used meanwhile, and writes
 * them as one JSON array to STALL_LOG when the process exits. The CPU time is the load-independent figure: on a
 * machine shared with other work a stall's wall time also counts the time the process waited for a core.
 */
import fs from 'node:fs';

export interface Stall {
  /** When the stall began, in absolute milliseconds (performance.timeOrigin + performance.now()). */
  at: number;
  /** The same instant on the monotonic clock, in microseconds: the clock of a `--cpu-prof` profile's timestamps. */
  monoUs: number;
  wallMs: number;
  /** User + system CPU time of the process during the stall (its helper threads, such as the GC's, included). */
  cpuMs: number;
}

const file = process.env.STALL_LOG;
const thresholdMs = Number(process.env.STALL_MS ?? '20');
if (file) {
  const stalls: Stall[] = [];
  let last = performance.now();
  let lastMono = process.hrtime.bigint();
  let cpu = process.cpuUsage();
  const tick = () => {
    const now = performance.now();
    const used = process.cpuUsage(cpu);
    if (now - last > thresholdMs + 1) {
      const monoUs = Number(lastMono / 1000n);
      stalls.push({ at: performance.timeOrigin + last, monoUs, wallMs: now - last, cpuMs: (used.user + used.system) / 1000 });
    }
    last = now;
    lastMono = process.hrtime.bigint();
    cpu = process.cpuUsage();
    setTimeout(tick, 1).unref();
  };
  setTimeout(tick, 1).unref();
  process.on('exit', () => fs.writeFileSync(file, JSON.stringify(stalls)));
}
