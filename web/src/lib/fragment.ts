/**
 * Reads a value from the URL fragment (`#token=...`). Secrets travel there because browsers
 * never send the fragment to the server or in the Referer header.
 */
export function readFragmentParam(name: string): string {
  const hash = window.location.hash.replace(/^#/, '');
  return new URLSearchParams(hash).get(name)?.trim() ?? '';
}
