// What the bench measures inside the page, injected before the app starts (page.addInitScript).
// Kept as plain browser JavaScript in a string: a function compiled by tsx could carry helpers
// that do not exist in the page.

/** `window.__board` once the script ran. Frames and long tasks are recorded from the start. */
export interface BoardRecorder {
  /** Resolves when the columns show `expected` orders and each non-empty one shows a card. */
  waitForRender(expected: number): Promise<{ renderedAt: number; lastListResponseEnd: number }>;
  /** Column label → the count its header shows (`New` → 1400). */
  columnCounts(): Record<string, number>;
  /**
   * Frames and long tasks between two wall-clock times (ms since the epoch, as the bench's
   * clock tells them): the window is the change stream's, however late the page answers.
   */
  summary(fromEpochMs: number, toEpochMs: number): FrameSummary;
  domNodes(): number;
}

export interface FrameSummary {
  frames: number;
  longestFrameMs: number;
  p95FrameMs: number;
  droppedFrames: number;
  longTasks: number;
  longTaskMs: number;
  seconds: number;
}

/** One frame at 60 Hz; a gap longer than 1.5 of them lost round(gap / FRAME − 1) frames. */
export const FRAME_MS = 1000 / 60;

export const PAGE_RECORDER = String.raw`
(() => {
  const FRAME = ${FRAME_MS};
  performance.setResourceTimingBufferSize(10000);
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
  }).observe({ type: 'longtask', buffered: true });

  const frames = [];
  const onFrame = (time) => {
    frames.push(time);
    requestAnimationFrame(onFrame);
  };
  requestAnimationFrame(onFrame);

  const counts = () => {
    const result = {};
    for (const heading of document.querySelectorAll('section.column h2')) {
      const count = heading.querySelector('.count');
      const label = heading.textContent.replace(count ? count.textContent : '', '').trim();
      result[label] = Number(count ? count.textContent.trim() : 0);
    }
    return result;
  };
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));

  window.__board = {
    columnCounts: counts,
    async waitForRender(expected) {
      for (;;) {
        await nextFrame();
        const total = Object.values(counts()).reduce((sum, n) => sum + n, 0);
        const columns = [...document.querySelectorAll('section.column')];
        const cardsShown = columns.every(
          (column) => !Number(column.querySelector('.count')?.textContent ?? 0) || column.querySelector('app-order-card'),
        );
        if (total === expected && cardsShown) break;
      }
      // Two more frames: the one that lays out and paints the cards has finished.
      await nextFrame();
      await nextFrame();
      const renderedAt = performance.now();
      const lists = performance
        .getEntriesByType('resource')
        .filter((entry) => entry.name.includes('/api/orders?'));
      return { renderedAt, lastListResponseEnd: Math.max(...lists.map((entry) => entry.responseEnd)) };
    },
    summary(fromEpochMs, toEpochMs) {
      const from = fromEpochMs - performance.timeOrigin;
      const to = toEpochMs - performance.timeOrigin;
      // The window's edges count as frame boundaries: a page frozen across one still shows it.
      const points = [from, ...frames.filter((time) => time > from && time < to), to];
      const gaps = points.slice(1).map((time, i) => time - points[i]).sort((a, b) => a - b);
      const overlap = ([start, duration]) => Math.min(start + duration, to) - Math.max(start, from);
      const inWindow = longTasks.filter((task) => overlap(task) > 0);
      return {
        frames: points.length - 2,
        longestFrameMs: gaps.at(-1),
        p95FrameMs: gaps[Math.min(gaps.length - 1, Math.floor(gaps.length * 0.95))],
        droppedFrames: gaps
          .filter((gap) => gap > 1.5 * FRAME)
          .reduce((sum, gap) => sum + Math.round(gap / FRAME - 1), 0),
        longTasks: inWindow.length,
        longTaskMs: inWindow.reduce((sum, task) => sum + overlap(task), 0),
        seconds: (to - from) / 1000,
      };
    },
    domNodes() {
      const walker = document.createTreeWalker(document, NodeFilter.SHOW_ALL);
      let nodes = 1;
      while (walker.nextNode()) nodes++;
      return nodes;
    },
  };
})();
`;
