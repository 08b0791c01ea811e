import { Autocomplete } from '@mantine/core';
import { useState } from 'react';
import { locale as localeTag } from '@contracts/breach-notices.js';

/** The locales offered; any other language tag may be typed (each has its own template). */
const SUGGESTED_LOCALES = ['en'];

/**
 * The template's locale. What is typed takes effect on Enter, on leaving the field or on
 * picking a suggestion, and only once it is a language tag: each locale loads another
 * template, so "d" and "de-" on the way to "de-DE" must not.
 */
export function NoticeLocaleField({
  value,
  onChange,
}: {
  value: string;
  onChange: (locale: string) => void;
}) {
  const [typed, setTyped] = useState(value);
  const [error, setError] = useState<string | null>(null);

  function commit(next: string) {
    const parsed = localeTag.safeParse(next.trim());
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? 'must be a language tag');
      return;
    }
    setError(null);
    setTyped(parsed.data);
    if (parsed.data !== value) onChange(parsed.data);
  }

  return (
    <Autocomplete
      label="Locale"
      description="A language tag such as en or de-DE"
      data={SUGGESTED_LOCALES}
      value={typed}
      onChange={(next) => {
        setTyped(next);
        setError(null);
      }}
      onOptionSubmit={commit}
      onBlur={() => commit(typed)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') {
          event.preventDefault();
          commit(typed);
        }
      }}
      error={error}
      w={200}
    />
  );
}
