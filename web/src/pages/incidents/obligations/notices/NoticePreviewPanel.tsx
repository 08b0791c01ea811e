import { Alert, Box, Center, List, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck } from '@tabler/icons-react';
import { useNoticePreview, type ContentCheck } from '../../../../api/breach-templates.js';
import { QueryError } from '../../../../components/QueryError.js';

/**
 * The saved template rendered for this incident and a sample recipient, as text and as the
 * HTML mail, with the server's content check. The HTML sits in an iframe with an empty sandbox:
 * no scripts, no forms, no same-origin access, whatever a template might one day let through.
 */
export function NoticePreviewPanel({
  incidentId,
  obligationKey,
  locale,
}: {
  incidentId: string;
  obligationKey: string;
  locale: string;
}) {
  const preview = useNoticePreview(incidentId, obligationKey, locale);

  return (
    <Stack gap="sm" component="section" aria-labelledby="notice-preview-heading">
      <Stack gap={2}>
        <Title order={3} size="h5" id="notice-preview-heading">
          Preview
        </Title>
        <Text size="xs" c="dimmed">
          The latest saved version (or the draft) for this incident and a sample recipient; save to
          see your changes here.
        </Text>
      </Stack>
      {preview.isPending && (
        <Center p="md">
          <Loader size="sm" aria-label="Loading the preview" />
        </Center>
      )}
      {preview.isError && (
        <QueryError error={preview.error} onRetry={() => void preview.refetch()} />
      )}
      {preview.data && (
        <>
          <ContentCheckResult check={preview.data.check} />
          <Text size="sm" data-testid="notice-preview-subject">
            <Text span c="dimmed">
              Subject:{' '}
            </Text>
            {preview.data.subject}
          </Text>
          <Box
            component="pre"
            m={0}
            p="sm"
            fz="sm"
            ff="monospace"
            bg="var(--mantine-color-default-hover)"
            style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere', borderRadius: 4 }}
            aria-label="Notice as plain text"
            data-testid="notice-preview-text"
          >
            {preview.data.text}
          </Box>
          <iframe
            title="Notice as HTML"
            sandbox=""
            srcDoc={preview.data.html}
            style={{
              width: '100%',
              height: 420,
              border: '1px solid var(--mantine-color-default-border)',
              borderRadius: 4,
              background: 'white',
            }}
          />
        </>
      )}
    </Stack>
  );
}

function ContentCheckResult({ check }: { check: ContentCheck }) {
  if (check.ok)
    return (
      <Alert
        color="teal"
        variant="light"
        title="Content check: ok"
        icon={<IconCircleCheck aria-hidden />}
        data-testid="notice-content-check"
      >
        The notice says everything the rule requires.
      </Alert>
    );
  return (
    <Alert
      color="orange"
      variant="light"
      title="Content check: missing"
      icon={<IconAlertTriangle aria-hidden />}
      data-testid="notice-content-check"
    >
      <List size="sm" spacing={2}>
        {check.missing.map((element) => (
          <List.Item key={element.id}>
            {element.heading ? `The heading “${element.label}”` : element.label}
            {element.citation && ` (${element.citation})`}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
