import { Stack, Text } from '@mantine/core';
import type { Obligation } from '../../../api/breach.js';
import type { TriggerName } from '../../../api/incidents.js';
import { LocalTime } from '../../../components/LocalTime.js';
import { formatHours, triggerLabels } from '../labels.js';
import { isOwed } from './labels.js';
import { ObligationClock } from './ObligationClock.js';

type RuleTrigger = NonNullable<Obligation['starts']['trigger']>;

/** The rules call the incident's first detection "suspected"; the incident calls it detected. */
const triggerOfRule: Record<RuleTrigger, TriggerName> = {
  aware: 'aware',
  discovered: 'discovered',
  determined: 'determined',
  materiality_decided: 'materiality_decided',
  suspected: 'detected',
};

/**
 * When the obligation is due and why then: its countdown, what its clock counts from, a
 * projection or a pause, or the law's words when it sets no fixed time.
 */
export function ObligationTiming({
  obligation,
  dutyNames,
}: {
  obligation: Obligation;
  /** Duties by rule id, to name the one a clock follows. */
  dutyNames: ReadonlyMap<string, string>;
}) {
  const { starts, deadline } = obligation;
  const trigger = starts.trigger ? triggerLabels[triggerOfRule[starts.trigger]] : null;
  const afterDuty = starts.afterDuty ? (dutyNames.get(starts.afterDuty) ?? starts.afterDuty) : null;

  return (
    <Stack gap={4}>
      {isOwed(obligation) && <ObligationClock obligation={obligation} />}
      {obligation.status === 'done' && obligation.doneAt && (
        <Text size="sm">
          <Text span c="dimmed">
            Done:{' '}
          </Text>
          <LocalTime iso={obligation.doneAt} />
          {obligation.late && ', after it was due'}
        </Text>
      )}
      {starts.at ? (
        <Text size="xs" c="dimmed">
          Clock {starts.projected ? 'counted from' : 'started'} <LocalTime iso={starts.at} />
          {trigger && ` (${trigger})`}
          {afterDuty && !starts.projected && ` (when “${afterDuty}” was done)`}
        </Text>
      ) : (
        <Text size="xs">
          {trigger
            ? `The clock starts when “${trigger}” is set under Trigger times; it is not set yet.`
            : afterDuty
              ? `The clock starts when “${afterDuty}” is done, or is due.`
              : 'The clock has nothing to start from yet.'}
        </Text>
      )}
      {starts.projected && afterDuty && (
        <Text size="xs" c="orange.8" data-testid="obligation-projected">
          Projected: counted from when “{afterDuty}” is due, because its notice is not recorded as
          given yet.
        </Text>
      )}
      {obligation.status === 'paused' && (
        <Text size="xs">
          A law-enforcement delay holds the clock: there is no due time while it lasts.
        </Text>
      )}
      {obligation.pausedHours > 0 && (
        <Text size="xs">
          Clock held for {formatHours(obligation.pausedHours)} by a law-enforcement delay.
        </Text>
      )}
      {deadline.kind === 'no_fixed_time' ? (
        <Text size="xs">
          <Text span c="dimmed">
            No fixed time:{' '}
          </Text>
          {deadline.text}
        </Text>
      ) : (
        obligation.due === null && (
          <Text size="xs">
            <Text span c="dimmed">
              Deadline:{' '}
            </Text>
            {deadline.text}
          </Text>
        )
      )}
    </Stack>
  );
}
