import { Badge, Group, Text } from '@mantine/core';
import type { Obligation } from '../../../api/breach.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { useNow } from '../../../hooks/useNow.js';
import { clockColors, clockLevelLabels, readClock } from './clock.js';

/**
 * The due time in the reader's zone and a countdown read again each minute, coloured by the
 * share of time gone; the share is also written out, so the colour is never the only sign.
 */
export function ObligationClock({
  obligation,
  compact = false,
}: {
  obligation: Obligation;
  /** In the header card: the countdown and due time only. */
  compact?: boolean;
}) {
  const now = useNow();
  const reading = readClock(obligation, now);
  if (!reading || obligation.due === null) return null;
  const share =
    reading.percentGone === null
      ? clockLevelLabels[reading.level]
      : `${reading.percentGone}% of the time gone`;

  return (
    <Group gap={6} wrap="wrap" align="center">
      <Badge
        color={clockColors[reading.level]}
        variant={reading.level === 'overdue' ? 'filled' : 'light'}
        title={clockLevelLabels[reading.level]}
        data-testid="obligation-countdown"
        style={{ textTransform: 'none' }}
      >
        {reading.text}
      </Badge>
      <Text size={compact ? 'xs' : 'sm'}>
        <Text span c="dimmed">
          Due:{' '}
        </Text>
        <LocalTime iso={obligation.due} />
        {!compact && (
          <Text span c="dimmed">
            {' '}
            ({share})
          </Text>
        )}
      </Text>
    </Group>
  );
}
