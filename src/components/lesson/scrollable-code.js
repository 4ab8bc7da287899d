// Served as-is in place of Expressive Code's "Scrollable block tabindex" module (ec.config.mjs):
// a code block wider than its box becomes a focusable region, so keyboard users can scroll it
// (axe's scrollable-region-focusable). Expressive Code's module watches the whole document with a
// MutationObserver, which then runs on every row the terminal redraws; a lesson's code blocks are
// all in its HTML, so one ResizeObserver over them does the same job. Checked when the browser is
// idle, 250 ms after the last resize, as the original does.
try {
  (() => {
    const mark = (pre) => {
      const focusable = pre.getAttribute('tabindex') !== null;
      const scrolls = pre.scrollWidth > pre.clientWidth;
      if (scrolls && !focusable) {
        pre.setAttribute('tabindex', '0');
        pre.setAttribute('role', 'region');
      } else if (!scrolls && focusable) {
        pre.removeAttribute('tabindex');
        pre.removeAttribute('role');
      }
    };
    const idle = window.requestIdleCallback ?? ((callback) => setTimeout(callback, 1));
    const resized = new Set();
    let timer;
    const observer = new ResizeObserver((entries) => {
      for (const entry of entries) resized.add(entry.target);
      clearTimeout(timer);
      timer = setTimeout(
        () =>
          idle(() => {
            for (const pre of resized) mark(pre);
            resized.clear();
          }),
        250,
      );
    });
    for (const code of document.querySelectorAll('.expressive-code pre > code')) if (code.parentElement) observer.observe(code.parentElement);
  })();
} catch (error) {
  console.error('vethlab: scrollable code blocks', error);
}
