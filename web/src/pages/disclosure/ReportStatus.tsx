import { Button, Group, Progress, Select, Stack, Table, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { REPORT_TRANSITIONS } from '@contracts/disclosure.js';
import {
  useReports,
  useTransition,
  type ReportState,
  type TeamReportView,
} from '../../api/reports.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { clockLabels, fieldErrorsOf, reportStateLabels } from './labels.js';
import { Card } from './ReportCard.js';

export function StatusCard({ view }: { view: TeamReportView }) {
  const transition = useTransition(view.id);
  const allowed = REPORT_TRANSITIONS[view.status];
  const [status, setStatus] = useState<ReportState | null>(null);
  const [message, setMessage] = useState('');
  const [duplicateOf, setDuplicateOf] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const others = useReports();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!status) return setErrors({ status: 'choose the new status' });
    if (status === 'duplicate' && !duplicateOf)
      return setErrors({ duplicateOf: 'choose the original report' });
    setErrors({});
    setFormError(null);
    transition.mutate(
      {
        status,
        ...(status === 'duplicate' && duplicateOf ? { duplicateOf } : {}),
        ...(message.trim() ? { message } : {}),
      },
      {
        onSuccess: () => {
          setStatus(null);
          setMessage('');
          setDuplicateOf(null);
          notifications.show({
            color: 'teal',
            message: `Report is now ${reportStateLabels[status]}.`,
          });
        },
        onError: (e) => {
          const { fields, message: text } = fieldErrorsOf(e, ['status', 'duplicateOf', 'message']);
          setErrors(fields);
          setFormError(text);
        },
      },
    );
  }

  return (
    <Card title="Status">
      {allowed.length === 0 ? (
        <Text size="sm" c="dimmed">
          {reportStateLabels[view.status]} is final.
        </Text>
      ) : (
        <form onSubmit={submit} noValidate aria-label="Change status">
          <Stack gap="sm">
            <FormError message={formError} title="The status was not changed" />
            <Select
              label="New status"
              placeholder="Choose"
              data={allowed.map((value) => ({ value, label: reportStateLabels[value] }))}
              value={status}
              onChange={(value) => setStatus(value)}
              error={errors.status}
            />
            {status === 'duplicate' && (
              <Select
                label="Original report"
                placeholder="Choose the earlier report"
                searchable
                data={(others.data ?? [])
                  .filter((r) => r.id !== view.id)
                  .map((r) => ({ value: r.id, label: `#${r.number} ${r.title}` }))}
                value={duplicateOf}
                onChange={setDuplicateOf}
                error={errors.duplicateOf}
              />
            )}
            <Textarea
              label="Message to the researcher (optional)"
              description="Sent with the change; Markdown is supported."
              autosize
              minRows={2}
              value={message}
              onChange={(e) => setMessage(e.currentTarget.value)}
              error={errors.message}
            />
            <Group>
              <Button type="submit" loading={transition.isPending}>
                Change status
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {view.duplicateOf && (
        <Text size="sm">
          Duplicate of{' '}
          <AnchorLink to="/disclosure/reports/$reportId" params={{ reportId: view.duplicateOf.id }}>
            #{view.duplicateOf.number}
          </AnchorLink>
        </Text>
      )}
      {view.duplicates.length > 0 && (
        <Text size="sm">
          Duplicates:{' '}
          {view.duplicates.map((d) => (
            <AnchorLink
              key={d.id}
              to="/disclosure/reports/$reportId"
              params={{ reportId: d.id }}
              mr={6}
            >
              #{d.number}
            </AnchorLink>
          ))}
        </Text>
      )}
    </Card>
  );
}

const clockColour = { running: 'blue', met: 'teal', breached: 'red', overdue: 'red' } as const;

export function ClocksCard({ view }: { view: TeamReportView }) {
  return (
    <Card title="SLA clocks">
      {view.clocks.length === 0 ? (
        <Text size="sm" c="dimmed">
          No clock is running.
        </Text>
      ) : (
        <Table aria-label="SLA clocks">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Clock</Table.Th>
              <Table.Th>Due</Table.Th>
              <Table.Th>Used</Table.Th>
              <Table.Th>State</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {view.clocks.map((clock) => (
              <Table.Tr key={clock.clock}>
                <Table.Td>{clockLabels[clock.clock]}</Table.Td>
                <Table.Td>
                  <LocalTime iso={clock.dueAt} />
                </Table.Td>
                <Table.Td miw={90}>
                  <Text size="xs">{Math.round(clock.percentUsed)}%</Text>
                  <Progress
                    value={Math.min(100, clock.percentUsed)}
                    color={clockColour[clock.state]}
                    aria-label={`${clockLabels[clock.clock]}: ${Math.round(clock.percentUsed)}% used`}
                  />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={clockColour[clock.state]}>
                    {clock.state}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
