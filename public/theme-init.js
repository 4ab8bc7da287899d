// Runs in <head> before first paint (an external file, so a CSP without 'unsafe-inline' allows it):
// apply the stored theme choice, else the system preference. Keep in step with src/components/theme.ts.
(function () {
  var stored = null;
  try {
    stored = localStorage.getItem('vethlab.theme');
  } catch (e) {}
  var dark = window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches;
  document.documentElement.setAttribute('data-theme', stored === 'light' || stored === 'dark' ? stored : dark ? 'dark' : 'light');
})();
