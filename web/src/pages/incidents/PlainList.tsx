import { Stack, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list without bullets or indent, its items spaced like a Stack. */
export function PlainList({
  ordered = false,
  gap = 'xs',
  label,
  testId,
  children,
}: {
  ordered?: boolean;
  gap?: MantineSpacing;
  label: string;
  testId: string;
  children: ReactNode;
}) {
  return (
    <Stack
      component={ordered ? 'ol' : 'ul'}
      gap={gap}
      p={0}
      m={0}
      style={{ listStyle: 'none' }}
      aria-label={label}
      data-testid={testId}
    >
      {children}
    </Stack>
  );
}
