import { useCallback, useState, type ChangeEvent, type FormEvent } from 'react';
import type { z } from 'zod';
import { ApiError } from '../api/client.js';

type Values = Record<string, string>;
type Errors<V> = Partial<Record<keyof V & string, string>>;

/**
 * Small form state for text inputs, validated by the same Zod contracts the server uses.
 * Server field issues such as `body.email` land on the matching input; anything else
 * becomes the form-level error, shown in an alert that screen readers announce.
 */
export function useZodForm<V extends Values, Output>(schema: z.ZodType<Output>, initialValues: V) {
  const [values, setValues] = useState<V>(initialValues);
  const [errors, setErrors] = useState<Errors<V>>({});
  const [formError, setFormError] = useState<string | null>(null);

  const setValue = useCallback((name: keyof V & string, value: string) => {
    setValues((current) => ({ ...current, [name]: value }));
    setErrors((current) => {
      if (!current[name]) return current;
      const next = { ...current };
      delete next[name];
      return next;
    });
  }, []);

  const field = (name: keyof V & string) => ({
    name,
    value: values[name] ?? '',
    onChange: (event: ChangeEvent<HTMLInputElement>) => setValue(name, event.currentTarget.value),
    error: errors[name],
  });

  function showErrors(next: Errors<V>, message: string | null) {
    setErrors(next);
    setFormError(message);
    const first = Object.keys(next)[0];
    if (first) window.requestAnimationFrame(() => focusField(first));
  }

  /** Returns the parsed output, or null after showing what is wrong. */
  function validate(extra?: (values: V) => Errors<V>): Output | null {
    const result = schema.safeParse(values);
    const found: Errors<V> = Object.assign({}, extra?.(values));
    if (!result.success) {
      for (const issue of result.error.issues) {
        const key = String(issue.path[0] ?? '') as keyof V & string;
        if (key in values && !found[key]) found[key] = issue.message;
      }
    }
    if (Object.keys(found).length > 0 || !result.success) {
      showErrors(found, Object.keys(found).length ? null : 'Please check the form');
      return null;
    }
    setErrors({});
    setFormError(null);
    return result.data;
  }

  /** A form's onSubmit: stops the page reload, validates, and hands valid input on. */
  function submitWith(onValid: (input: Output) => void, extra?: (values: V) => Errors<V>) {
    return (event: FormEvent) => {
      event.preventDefault();
      const input = validate(extra);
      if (input) onValid(input);
    };
  }

  /** Maps an API error onto the form; returns true if it was shown. */
  function applyError(error: unknown): void {
    if (!(error instanceof ApiError)) {
      showErrors({}, 'Something unexpected went wrong. Please try again.');
      return;
    }
    const found: Errors<V> = {};
    for (const issue of error.issues) {
      const key = issue.field.replace(/^body\./, '').split('.')[0] as keyof V & string;
      if (key in values) found[key] = issue.message;
    }
    showErrors(
      found,
      Object.keys(found).length === error.issues.length && error.issues.length > 0
        ? null
        : error.message,
    );
  }

  const reset = useCallback(() => {
    setValues(initialValues);
    setErrors({});
    setFormError(null);
  }, [initialValues]);

  return {
    values,
    setValue,
    field,
    errors,
    formError,
    setFormError,
    validate,
    submitWith,
    applyError,
    reset,
  };
}

function focusField(name: string) {
  const element = document.querySelector<HTMLElement>(`[name="${CSS.escape(name)}"]`);
  element?.focus();
}
