/**
 * What to undo when the process is stopped by a signal: every writer of a `.partial` file or a temp
 * folder registers a synchronous cleanup while the file exists, and the CLI runs them all before it
 * exits on SIGINT/SIGTERM/SIGHUP. No I/O here; the tasks bring their own.
 * @module
 */

const tasks = new Set<() => void>();

/** Register `task` to run on an interrupt; the returned function unregisters it. */
export function onInterrupt(task: () => void): () => void {
  tasks.add(task);
  return () => {
    tasks.delete(task);
  };
}

/** Run (and forget) every registered task; returns how many ran. A failing task does not stop the others. */
export function runInterruptTasks(): number {
  const all = [...tasks];
  tasks.clear();
  let ran = 0;
  for (const task of all) {
    try {
      task();
      ran++;
    } catch {
      // best effort: the process is exiting
    }
  }
  return ran;
}
