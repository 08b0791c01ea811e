import { formatDateTime } from '../lib/format.js';

/** An instant in the reader's zone; hovering shows the exact UTC value. */
export function LocalTime({
  iso,
  fallback = '—',
}: {
  iso: string | null | undefined;
  fallback?: string;
}) {
  if (!iso) return <>{fallback}</>;
  return (
    <time dateTime={iso} title={`${iso} (UTC)`}>
      {formatDateTime(iso)}
    </time>
  );
}
