import { Alert, Badge, Button, Code, Group, Loader, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconCopy, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { fetchTemplate, templateKeys, type Template } from '../../api/assessments.js';
import { isApiError } from '../../api/client.js';
import { LocalTime } from '../../components/LocalTime.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useVendorRole } from '../vendors/useVendorRole.js';
import { CopyTemplateModal } from './CopyTemplateModal.js';
import { ExportTemplateButton } from './ExportTemplateButton.js';
import { TemplateEditor } from './TemplateEditor.js';
import { questionCount } from './labels.js';
import { TemplateOutline } from './TemplateOutline.js';

const route = getRouteApi('/signed-in/questionnaires/$templateId');

export function QuestionnaireEditorPage() {
  const { templateId } = route.useParams();
  const template = useQuery({
    queryKey: templateKeys.detail(templateId),
    queryFn: () => fetchTemplate(templateId),
  });

  return (
    <Stack gap={0}>
      <AnchorLink to="/questionnaires" size="sm" mb="xs" w="fit-content">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} aria-hidden />
          All questionnaires
        </Group>
      </AnchorLink>
      {template.isPending && <Loader aria-label="Loading questionnaire" />}
      {template.isError &&
        (isApiError(template.error) && template.error.status === 404 ? (
          <Alert color="gray" title="Questionnaire not found">
            There is no questionnaire at this address.
          </Alert>
        ) : (
          <QueryError error={template.error} onRetry={() => void template.refetch()} />
        ))}
      {template.data && <TemplateView template={template.data} />}
    </Stack>
  );
}

function TemplateView({ template }: { template: Template }) {
  const { canWrite } = useVendorRole();
  const [copying, setCopying] = useState(false);
  const editable = canWrite && !template.builtIn;

  return (
    <>
      <PageHeader
        title={template.name}
        description={
          <>
            Key <Code>{template.key}</Code> · version {template.version} ·{' '}
            {questionCount(template.questionCount)} · updated <LocalTime iso={template.updatedAt} />
          </>
        }
        actions={
          <>
            {template.builtIn && (
              <Badge size="lg" variant="light" color="gray">
                Built in
              </Badge>
            )}
            <ExportTemplateButton id={template.id} name={template.name} />
            {canWrite && template.builtIn && (
              <Button
                leftSection={<IconCopy size={16} aria-hidden />}
                onClick={() => setCopying(true)}
              >
                Copy to edit
              </Button>
            )}
          </>
        }
      />
      {editable ? (
        <TemplateEditor key={template.id} template={template} />
      ) : (
        <Stack gap="md">
          <Alert color="blue" variant="light" icon={<IconLock aria-hidden />} title="Read only">
            <Text size="sm">
              {template.builtIn
                ? 'Built-in questionnaires come with Cordon and are read-only: a later release may update them. Copy this one to make your own version, which you can then edit.'
                : 'Analysts and admins edit questionnaires; you can read this one and export it.'}
            </Text>
          </Alert>
          <TemplateOutline definition={template.definition} />
        </Stack>
      )}
      <CopyTemplateModal source={copying ? template : null} onClose={() => setCopying(false)} />
    </>
  );
}
