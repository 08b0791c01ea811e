import { Button, Checkbox, Code, Group, Stack, Text } from '@mantine/core';
import { IconFileZip } from '@tabler/icons-react';
import { useState } from 'react';
import { exportBundleUrl } from '../../api/incidents.js';

/**
 * The legal export as a plain download link (the browser sends the session cookie). Privileged
 * evidence stays out unless asked for; the export is recorded as custody in the timeline.
 */
export function ExportBundle({ incidentId }: { incidentId: string }) {
  const [privileged, setPrivileged] = useState(false);
  return (
    <Stack gap={4} align="flex-end" component="section" aria-label="Export bundle">
      <Group gap="sm" wrap="wrap" justify="flex-end">
        <Checkbox
          size="xs"
          label="Include privileged evidence"
          checked={privileged}
          onChange={(event) => setPrivileged(event.currentTarget.checked)}
        />
        <Button
          component="a"
          href={exportBundleUrl(incidentId, privileged)}
          download
          size="xs"
          variant="default"
          leftSection={<IconFileZip size={14} aria-hidden />}
        >
          Export bundle
        </Button>
      </Group>
      <Text size="xs" c="dimmed">
        The zip verifies offline with <Code fz="xs">cordon incident verify-bundle FILE</Code>
      </Text>
    </Stack>
  );
}
