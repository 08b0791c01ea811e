import { Badge, Button, Group, List, Paper, Select, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconListCheck } from '@tabler/icons-react';
import type { UseQueryResult } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import { isApiError } from '../../api/client.js';
import { useApplyPlaybook, type Playbook, type Task } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { QueryError } from '../../components/QueryError.js';
import { formatHours, taskRoleLabels, triggerLabels } from './labels.js';

/** Chooses a playbook, shows what it will add, and applies it (once per incident). */
export function PlaybookPicker({
  incidentId,
  tasks,
  playbooks,
}: {
  incidentId: string;
  tasks: Task[];
  playbooks: UseQueryResult<{ items: Playbook[] }>;
}) {
  const [key, setKey] = useState<string | null>(null);
  const apply = useApplyPlaybook(incidentId);
  const applied = new Set(tasks.flatMap((task) => (task.playbook ? [task.playbook] : [])));
  const items = playbooks.data?.items ?? [];
  const chosen = items.find((playbook) => playbook.key === key);

  function applyChosen(playbook: Playbook) {
    apply.mutate(playbook.key, {
      onSuccess: (added) => {
        notifications.show({
          color: 'teal',
          message: `${playbook.title}: ${added.items.length} tasks added.`,
        });
        setKey(null);
      },
    });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="playbook-heading">
      <Title order={3} size="h4" mb={4} id="playbook-heading">
        Apply a playbook
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        A playbook adds its tasks at once, each due a set time after a trigger time. Each playbook
        can be applied to an incident once.
      </Text>
      <Stack gap="sm">
        {playbooks.isError && (
          <QueryError error={playbooks.error} onRetry={() => void playbooks.refetch()} />
        )}
        <FormError
          message={apply.error?.message}
          title={
            isApiError(apply.error, 'CONFLICT')
              ? 'This playbook was applied already'
              : 'The playbook was not applied'
          }
        />
        <Select
          label="Playbook"
          placeholder={playbooks.isPending ? 'Loading playbooks…' : 'Choose a playbook'}
          data={items.map((playbook) => ({
            value: playbook.key,
            label: playbook.title,
          }))}
          value={key}
          onChange={(value) => {
            setKey(value);
            apply.reset();
          }}
          maw={480}
        />
        {chosen && (
          <PlaybookPreview playbook={chosen} applied={applied.has(chosen.key)}>
            <Button
              leftSection={<IconListCheck size={16} aria-hidden />}
              loading={apply.isPending}
              disabled={applied.has(chosen.key)}
              onClick={() => applyChosen(chosen)}
            >
              Apply playbook
            </Button>
          </PlaybookPreview>
        )}
      </Stack>
    </Paper>
  );
}

/** What a playbook would add: each task with its role, deadline rule and checklist. */
function PlaybookPreview({
  playbook,
  applied,
  children,
}: {
  playbook: Playbook;
  applied: boolean;
  children: ReactNode;
}) {
  const headingId = `playbook-${playbook.key}-heading`;
  return (
    <Stack gap="xs" component="section" aria-labelledby={headingId} data-testid="playbook-preview">
      <Group gap="xs">
        <Title order={4} size="h5" id={headingId}>
          {playbook.title}
        </Title>
        <Text span size="xs" c="dimmed">
          version {playbook.version}
        </Text>
        {applied && (
          <Badge color="teal" variant="light">
            Applied
          </Badge>
        )}
      </Group>
      <Text size="sm">{playbook.description}</Text>
      <List size="sm" spacing={6} aria-label={`Tasks of ${playbook.title}`}>
        {playbook.tasks.map((task) => (
          <List.Item key={task.key}>
            <Text size="sm" fw={500}>
              {task.title}
            </Text>
            <Text size="xs" c="dimmed">
              {taskRoleLabels[task.role]} ·{' '}
              {task.due
                ? `due ${formatHours(task.due.hours)} after ${triggerLabels[task.due.from].toLowerCase()}`
                : 'no deadline'}
              {task.checklist.length > 0 &&
                ` · ${task.checklist.length} checklist ${task.checklist.length === 1 ? 'item' : 'items'}`}
            </Text>
            {task.description && (
              <Text size="xs" c="dimmed">
                {task.description}
              </Text>
            )}
          </List.Item>
        ))}
      </List>
      <Group gap="sm">
        {children}
        {applied && (
          <Text size="sm" c="dimmed">
            Its tasks are in the list above.
          </Text>
        )}
      </Group>
    </Stack>
  );
}
