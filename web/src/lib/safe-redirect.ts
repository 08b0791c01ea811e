/** Only same-app paths may be used as a post-sign-in destination (no open redirects). */
export function safeRedirect(target: unknown): string | undefined {
  if (typeof target !== 'string') return undefined;
  if (!target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\'))
    return undefined;
  if (
    target.startsWith('/sign-in') ||
    target.startsWith('/setup') ||
    target.startsWith('/invite')
  ) {
    return undefined;
  }
  return target;
}
