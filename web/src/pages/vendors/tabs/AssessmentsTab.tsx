import { Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { assessmentKeys, fetchAssessments } from '../../../api/assessments.js';
import type { VendorSummary } from '../../../api/vendors.js';
import { QueryError } from '../../../components/QueryError.js';
import { ResidualRiskCard } from '../overview/ResidualRiskCard.js';
import { useVendorRole } from '../useVendorRole.js';
import { NewAssessmentModal } from './NewAssessmentModal.js';
import { VendorAssessmentsTable } from './VendorAssessmentsTable.js';

export function AssessmentsTab({ vendor }: { vendor: VendorSummary }) {
  const { canWrite } = useVendorRole();
  const filter = { vendorId: vendor.id };
  const assessments = useQuery({
    queryKey: assessmentKeys.list(filter),
    queryFn: () => fetchAssessments(filter),
  });
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text size="sm" c="dimmed" maw={640}>
          Questionnaires sent to {vendor.legalName}, answered through the vendor portal and reviewed
          here. An integration goes live only once an assessment covering it, or the vendor as a
          whole, is approved.
        </Text>
        {canWrite && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
          >
            New assessment
          </Button>
        )}
      </Group>
      <ResidualRiskCard vendor={vendor} />
      <Paper withBorder radius="md">
        <Title order={2} size="h4" p="md" pb={0}>
          Assessments
        </Title>
        {assessments.isPending && <Loader m="md" aria-label="Loading assessments" />}
        {assessments.isError && (
          <QueryError error={assessments.error} onRetry={() => void assessments.refetch()} />
        )}
        {assessments.data?.items.length === 0 && (
          <Text p="md" c="dimmed">
            No assessments for this vendor yet.
          </Text>
        )}
        {assessments.data && assessments.data.items.length > 0 && (
          <>
            <VendorAssessmentsTable assessments={assessments.data.items} />
            {assessments.data.total > assessments.data.items.length && (
              <Text size="xs" c="dimmed" p="md" pt={0}>
                Showing the latest {assessments.data.items.length} of {assessments.data.total}.
              </Text>
            )}
          </>
        )}
      </Paper>
      <NewAssessmentModal vendor={vendor} opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
