/* global window, document */
// Runs before the app loads so a dark-scheme user never sees a white flash.
// The key matches Mantine's default localStorage colour scheme manager.
(function () {
  try {
    var saved = window.localStorage.getItem('mantine-color-scheme-value');
    var scheme = saved === 'dark' || saved === 'light' ? saved : 'light';
    if (saved === 'auto') {
      scheme = window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
    }
    document.documentElement.setAttribute('data-mantine-color-scheme', scheme);
  } catch {
    // Storage can be blocked; the app then falls back to its default scheme.
  }
})();
