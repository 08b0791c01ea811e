import { Button, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchTemplates, templateKeys } from '../../api/assessments.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { CopyTemplateModal, type CopySource } from './CopyTemplateModal.js';
import { ImportTemplateButton } from './ImportTemplateButton.js';
import { NewTemplateModal } from './NewTemplateModal.js';
import { TemplateTable } from './TemplateTable.js';

export function QuestionnairesPage() {
  const { canWrite } = useVendorRole();
  const templates = useQuery({ queryKey: templateKeys.all, queryFn: fetchTemplates });
  const [creating, setCreating] = useState(false);
  const [copying, setCopying] = useState<CopySource | null>(null);

  return (
    <>
      <PageHeader
        title="Questionnaires"
        description="The questions vendors answer in an assessment, what a good answer is, and the finding a shortfall raises. Built-in questionnaires come with Cordon and are read-only: copy one to adapt it. Every save makes a new version; assessments already sent keep the version they were sent with."
        actions={
          canWrite && (
            <>
              <ImportTemplateButton />
              <Button
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setCreating(true)}
              >
                New questionnaire
              </Button>
            </>
          )
        }
      />
      <Stack gap="md">
        <Paper withBorder radius="md">
          {templates.isPending && <Loader m="md" aria-label="Loading questionnaires" />}
          {templates.isError && (
            <QueryError error={templates.error} onRetry={() => void templates.refetch()} />
          )}
          {templates.data?.length === 0 && (
            <Text p="md" c="dimmed">
              No questionnaires yet.
            </Text>
          )}
          {templates.data && templates.data.length > 0 && (
            <TemplateTable templates={templates.data} canWrite={canWrite} onCopy={setCopying} />
          )}
        </Paper>
      </Stack>
      <NewTemplateModal opened={creating} onClose={() => setCreating(false)} />
      <CopyTemplateModal source={copying} onClose={() => setCopying(null)} />
    </>
  );
}
