import type { ChangeEvent } from 'react';

/**
 * useZodForm keeps every value as a string. These turn those strings into the shapes the
 * contracts expect: lists are kept one item per line, flags as 'true' or ''.
 */
export function nullable(value: string | undefined): string | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : trimmed;
}

export function list(value: string | undefined): string[] {
  return (value ?? '')
    .split('\n')
    .map((item) => item.trim())
    .filter(Boolean);
}

export function joinList(items: readonly string[] | null | undefined): string {
  return (items ?? []).join('\n');
}

/** '' → null; anything else a number (NaN if it is not one, which the contract refuses). */
export function numberOrNull(value: string | undefined): number | null {
  const trimmed = (value ?? '').trim();
  return trimmed === '' ? null : Number(trimmed);
}

export function flag(value: string | undefined): boolean {
  return value === 'true';
}

export function flagValue(value: boolean): string {
  return value ? 'true' : '';
}

export function asRecord(value: unknown): Record<string, string> {
  return typeof value === 'object' && value !== null ? (value as Record<string, string>) : {};
}

interface TextForm<N extends string> {
  field: (name: N) => { name: N; value: string; error: string | undefined };
  setValue: (name: N, value: string) => void;
}

/** `form.field(name)` for a Textarea (whose change events come from a textarea). */
export function textareaField<N extends string>(form: TextForm<N>, name: N) {
  const { value, error } = form.field(name);
  return {
    name,
    value,
    error,
    onChange: (event: ChangeEvent<HTMLTextAreaElement>) =>
      form.setValue(name, event.currentTarget.value),
  };
}

/** A TagsInput kept as one item per line in a string field. */
export function listField<N extends string>(
  form: TextForm<N> & { values: Partial<Record<N, string>>; errors: Partial<Record<N, string>> },
  name: N,
) {
  return {
    name,
    value: list(form.values[name]),
    onChange: (items: string[]) => form.setValue(name, items.join('\n')),
    error: form.errors[name],
  };
}
