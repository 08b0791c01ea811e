import { Button, type ButtonProps } from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { copyText } from '../lib/clipboard.js';

/** A real button that copies `value` and says so, both visually and to screen readers. */
export function CopyButton({
  value,
  label = 'Copy',
  ...props
}: { value: string; label?: string } & ButtonProps) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');

  useEffect(() => {
    if (state === 'idle') return;
    const timer = window.setTimeout(() => setState('idle'), 2000);
    return () => window.clearTimeout(timer);
  }, [state]);

  const text =
    state === 'copied'
      ? 'Copied'
      : state === 'failed'
        ? 'Copy failed: select and copy by hand'
        : label;
  return (
    <Button
      variant="light"
      size="xs"
      color={state === 'copied' ? 'teal' : state === 'failed' ? 'red' : undefined}
      leftSection={
        state === 'copied' ? (
          <IconCheck size={14} aria-hidden />
        ) : (
          <IconCopy size={14} aria-hidden />
        )
      }
      onClick={() => void copyText(value).then((ok) => setState(ok ? 'copied' : 'failed'))}
      aria-live="polite"
      {...props}
    >
      {text}
    </Button>
  );
}
