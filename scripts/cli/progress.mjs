// One line of progress on stderr, rewritten in place: only when stderr is a terminal (never in a
// pipe, a log file or a test), at most every 100 ms.

/** `enabled`: whether to draw at all (stderr is a TTY and the run is not --quiet). */
export function createProgress({ enabled, stream = process.stderr }) {
  let last = 0;
  let shown = false;
  const width = 24;
  const draw = (line) => {
    stream.write(`\r\x1b[K${line}`);
    shown = true;
  };
  return {
    /** `done` of `total` units of `label`; `force` draws even within the 100 ms. */
    update(label, done, total, force = false) {
      if (!enabled) return;
      const now = Date.now();
      if (!force && now - last < 100 && done < total) return;
      last = now;
      if (!total) return draw(label);
      const fraction = Math.min(1, done / total);
      const filled = Math.round(fraction * width);
      draw(`[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${label} ${done}/${total}`);
    },
    /** Clears the line (before anything else is written to stderr, and at the end). */
    clear() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}
