/**
 * Focuses an element once React has rendered it: after "Add question" the new question's
 * first field, so keyboard and screen reader users land where the new item is.
 */
export function focusSoon(id: string): void {
  window.requestAnimationFrame(() => {
    document.getElementById(id)?.focus();
  });
}
