import { Alert, List, Stack } from '@mantine/core';
import { IconAlertTriangle, IconWorldQuestion } from '@tabler/icons-react';
import type { ObligationReport } from '../../../api/breach.js';
import { formatCount } from '../../../components/counts.js';

/**
 * What the report could not work out: its warnings, and apart from them the customers whose
 * jurisdiction is unknown, whom no law can be matched to, with how many they are.
 */
export function ObligationWarnings({ report }: { report: ObligationReport }) {
  const unknown = report.unknownJurisdiction;
  if (report.warnings.length === 0 && !unknown) return null;
  return (
    <Stack gap="sm">
      {report.warnings.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          title="Check before relying on this"
          icon={<IconAlertTriangle aria-hidden />}
          data-testid="obligation-warnings"
        >
          <List size="sm" spacing={4}>
            {report.warnings.map((warning, index) => (
              <List.Item key={index}>{warning}</List.Item>
            ))}
          </List>
        </Alert>
      )}
      {unknown && (
        <Alert
          color="yellow"
          variant="light"
          title={`Jurisdiction unknown: ${formatCount(unknown.customers)} ${unknown.customers === 1 ? 'customer' : 'customers'}`}
          icon={<IconWorldQuestion aria-hidden />}
          data-testid="obligation-unknown-jurisdiction"
        >
          {unknown.warning}
        </Alert>
      )}
    </Stack>
  );
}
