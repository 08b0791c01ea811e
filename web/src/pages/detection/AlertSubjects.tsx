import { Code, Loader, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useAlertSubjects, type DetectionAlert, type SubjectRole } from '../../api/detection.js';
import { formatCount } from '../../components/counts.js';
import { ListFooter } from '../../components/ListFooter.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';

const pageSize = 25;

const roles: {
  value: SubjectRole;
  label: string;
  column: string;
  noun: [string, string];
  count: (subjects: DetectionAlert['subjects']) => number;
}[] = [
  {
    value: 'source',
    label: 'Sources',
    column: 'Source',
    noun: ['source', 'sources'],
    count: (subjects) => subjects.sources,
  },
  {
    value: 'target',
    label: 'Targeted accounts',
    column: 'Account hash',
    noun: ['targeted account', 'targeted accounts'],
    count: (subjects) => subjects.targets,
  },
  {
    value: 'taken_over',
    label: 'Taken-over accounts',
    column: 'Account hash',
    noun: ['taken-over account', 'taken-over accounts'],
    count: (subjects) => subjects.takenOver,
  },
];

/** Everyone an alert names: attacking sources, the accounts they tried, the ones they got into. */
export function AlertSubjects({ alert }: { alert: DetectionAlert }) {
  const [tab, setTab] = useState<SubjectRole>('source');
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="subjects-heading">
      <Title order={2} size="h4" mb="sm" id="subjects-heading">
        Subjects
      </Title>
      <Tabs
        value={tab}
        onChange={(value) => value && setTab(value as SubjectRole)}
        keepMounted={false}
      >
        <Tabs.List mb="sm">
          {roles.map((role) => (
            <Tabs.Tab key={role.value} value={role.value}>
              {role.label} ({formatCount(role.count(alert.subjects))})
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {roles.map((role) => (
          <Tabs.Panel key={role.value} value={role.value}>
            <SubjectTable alertId={alert.id} role={role} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Paper>
  );
}

function SubjectTable({ alertId, role }: { alertId: string; role: (typeof roles)[number] }) {
  const [page, setPage] = useState(1);
  const subjects = useAlertSubjects(alertId, {
    role: role.value,
    limit: pageSize,
    offset: (page - 1) * pageSize,
  });
  const accounts = role.value !== 'source';
  const total = subjects.data?.total ?? 0;

  return (
    <Stack gap="sm">
      {subjects.isPending && <Loader size="sm" aria-label={`Loading ${role.noun[1]}`} />}
      {subjects.isError && (
        <QueryError error={subjects.error} onRetry={() => void subjects.refetch()} />
      )}
      {subjects.data?.items.length === 0 && (
        <Text size="sm" c="dimmed">
          This alert names no {role.noun[1]}.
        </Text>
      )}
      {subjects.data && subjects.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" fz="sm" data-testid={`alert-subjects-${role.value}`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{role.column}</Table.Th>
                {accounts && <Table.Th scope="col">Customer id</Table.Th>}
                <Table.Th scope="col">First seen</Table.Th>
                <Table.Th scope="col">Last seen</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {subjects.data.items.map((item) => (
                <Table.Tr key={item.value}>
                  <Table.Td maw={320}>
                    <Code fz="xs" style={{ overflowWrap: 'anywhere' }}>
                      {item.value}
                    </Code>
                  </Table.Td>
                  {accounts && (
                    <Table.Td>
                      {item.customerId ?? (
                        <Text span size="sm" c="dimmed">
                          not in the directory
                        </Text>
                      )}
                    </Table.Td>
                  )}
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <LocalTime iso={item.firstSeenAt} />
                  </Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <LocalTime iso={item.lastSeenAt} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {subjects.data && total > 0 && (
        <ListFooter
          total={total}
          noun={role.noun}
          updating={subjects.isFetching && !subjects.isPending}
          page={page}
          pages={Math.max(1, Math.ceil(total / pageSize))}
          onPage={setPage}
        />
      )}
    </Stack>
  );
}
