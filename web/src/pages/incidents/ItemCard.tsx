import { Group, Paper, Stack, Text, type GroupProps, type PaperProps } from '@mantine/core';
import type { ReactNode } from 'react';

/** One item of an incident's list (a task, a file, an action, an entry), named by its heading. */
export function ItemCard({
  headingId,
  testId,
  bg,
  children,
}: {
  headingId: string;
  testId: string;
  bg?: PaperProps['bg'];
  children: ReactNode;
}) {
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      aria-labelledby={headingId}
      data-testid={testId}
      bg={bg}
    >
      <Stack gap={6}>{children}</Stack>
    </Paper>
  );
}

/** The card's first row: its heading with facts under it, and its badges or buttons beside. */
export function ItemCardHeader({
  headingId,
  title,
  wrap,
  aside,
  children,
}: {
  headingId: string;
  title: ReactNode;
  /** Whether the badges or buttons may drop below the heading on a narrow screen. */
  wrap: GroupProps['wrap'];
  aside: ReactNode;
  children: ReactNode;
}) {
  return (
    <Group gap="xs" justify="space-between" wrap={wrap} align="flex-start">
      <Stack gap={2}>
        <Text size="sm" fw={600} id={headingId} style={{ overflowWrap: 'anywhere' }}>
          {title}
        </Text>
        {children}
      </Stack>
      {aside}
    </Group>
  );
}
