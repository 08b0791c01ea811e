import { useEffect, useState } from 'react';

/**
 * The current time, read again every `everyMs` (a minute by default): enough for countdowns
 * shown to the minute, without re-rendering the page every second.
 */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}
