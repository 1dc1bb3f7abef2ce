// Run a command as a child process and measure it: wall time and peak RSS (VmHWM polled from
// /proc/PID/status every 20 ms). Shared by the benchmarks so every peer is measured the same way.
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';

/**
 * @param {string} label what the line says
 * @param {string} cmd the program
 * @param {string[]} args its arguments
 * @param {number} rows rows processed (for rows/s)
 * @param {{ cwd?: string, env?: Record<string, string>, stdout?: number, width?: number }} [opts]
 */
export function measure(label, cmd, args, rows, opts = {}) {
  return new Promise((resolve) => {
    const stdout = opts.stdout ?? openSync('/dev/null', 'w');
    const started = performance.now();
    const child = spawn(cmd, args, {
      stdio: ['ignore', stdout, 'pipe'],
      ...(opts.cwd ? { cwd: opts.cwd } : {}),
      env: { ...process.env, ...(opts.env ?? {}) },
    });
    let peak = 0;
    let stderr = '';
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const poll = setInterval(() => {
      try {
        const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        if (m) peak = Math.max(peak, Number(m[1]));
      } catch {}
    }, 20);
    child.on('exit', (code) => {
      clearInterval(poll);
      const secs = (performance.now() - started) / 1000;
      const r = { label, rows, secs, rowsPerSec: rows / secs, peakMb: peak / 1024, code };
      const rate = Math.round(r.rowsPerSec).toLocaleString('en-US').padStart(10);
      const tail = code > 1 ? `\n${stderr.slice(-800)}` : '';
      console.error(
        `${label.padEnd(opts.width ?? 52)} ${secs.toFixed(2).padStart(7)} s ${rate} rows/s ${r.peakMb.toFixed(0).padStart(6)} MB  exit ${code}${tail}`,
      );
      resolve(r);
    });
  });
}
