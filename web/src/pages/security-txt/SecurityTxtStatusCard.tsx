import { Alert, Anchor, Badge, Code, Group, List, Paper, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconExternalLink } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { SECURITY_TXT_URL, type SecurityTxtView } from '../../api/disclosure.js';
import { LocalTime } from '../../components/LocalTime.js';

/** What the served file says now: its Expires, Canonical and signature, and what needs doing. */
export function SecurityTxtStatusCard({ view }: { view: SecurityTxtView }) {
  const rows: [string, ReactNode][] = [
    ['Expires', <LocalTime key="expires" iso={view.expires} />],
    [
      'Canonical',
      <Text key="canonical" span size="sm" ff="monospace" style={{ overflowWrap: 'anywhere' }}>
        {view.canonical}
      </Text>,
    ],
    [
      'Signature',
      <Group key="signing" gap="xs" wrap="wrap">
        <Badge color={view.signing.enabled ? 'teal' : 'gray'} variant="light">
          {view.signing.enabled ? 'Signed' : 'Not signed'}
        </Badge>
        {view.signing.fingerprint && (
          <Code aria-label="Key fingerprint" style={{ overflowWrap: 'anywhere' }}>
            {view.signing.fingerprint}
          </Code>
        )}
      </Group>,
    ],
    ['Last saved', <LocalTime key="saved" iso={view.updatedAt} />],
  ];

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="securitytxt-status">
      <Group justify="space-between" align="baseline" mb="sm" wrap="wrap">
        <Title order={2} size="h4" id="securitytxt-status">
          Published file
        </Title>
        {/* Opens the public file itself, exactly as researchers and scanners fetch it. */}
        <Anchor href={SECURITY_TXT_URL} target="_blank" rel="noopener noreferrer" size="sm">
          <Group gap={4} component="span">
            Open {SECURITY_TXT_URL}
            <IconExternalLink size={14} aria-hidden />
          </Group>
        </Anchor>
      </Group>
      {view.warnings.length > 0 && (
        // The server decides what needs attention (Expires within 30 days, no signature), so
        // the page shows its words rather than judging the dates again in the browser.
        <Alert
          color="yellow"
          variant="light"
          title="Needs attention"
          icon={<IconAlertTriangle aria-hidden />}
          mb="sm"
          data-testid="securitytxt-warnings"
        >
          <List size="sm" spacing={2}>
            {view.warnings.map((warning) => (
              <List.Item key={warning}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      <Table variant="vertical" layout="fixed" fz="sm" withRowBorders={false}>
        <Table.Tbody>
          {rows.map(([label, value]) => (
            <Table.Tr key={label}>
              <Table.Th w={130}>{label}</Table.Th>
              <Table.Td>{value}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}
