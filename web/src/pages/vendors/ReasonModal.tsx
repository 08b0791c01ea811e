import { Button, Group, Modal, Stack, Text, Textarea } from '@mantine/core';
import { useState, type FormEvent, type ReactNode } from 'react';
import { ApiError } from '../../api/client.js';
import { FormError } from '../../components/FormError.js';

/**
 * Asks for a reason (or a note) before an audited action, and shows the server's refusal
 * (a 409 for a move the lifecycle does not allow, say) in place.
 */
export function ReasonModal({
  opened,
  onClose,
  title,
  message,
  label = 'Reason',
  minLength = 0,
  maxLength = 2000,
  confirmLabel,
  color,
  onSubmit,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  message?: ReactNode;
  label?: string;
  /** 0 makes the text optional. */
  minLength?: number;
  maxLength?: number;
  confirmLabel: string;
  color?: string;
  onSubmit: (text: string) => Promise<unknown>;
}) {
  const [text, setText] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  function close() {
    setText('');
    setFieldError(undefined);
    setError(null);
    onClose();
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = text.trim();
    if (trimmed.length < minLength) {
      setFieldError(minLength > 1 ? `must be at least ${minLength} characters` : 'required');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(trimmed);
      close();
    } catch (caught) {
      if (caught instanceof ApiError) {
        setError(
          caught.issues[0] ? `${caught.message}: ${caught.issues[0].message}` : caught.message,
        );
      } else setError('Something went wrong. Please try again.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={close} title={title} centered>
      <form onSubmit={(event) => void submit(event)} noValidate>
        <Stack>
          {typeof message === 'string' ? <Text size="sm">{message}</Text> : message}
          <FormError message={error} />
          <Textarea
            label={label}
            required={minLength > 0}
            autosize
            minRows={3}
            maxLength={maxLength}
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
              setFieldError(undefined);
            }}
            error={fieldError}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={busy}>
              Cancel
            </Button>
            <Button type="submit" loading={busy} color={color}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
