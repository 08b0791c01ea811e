import { Button, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, useRef, useState } from 'react';
import { templateDefinition, type TemplateDefinition } from '@contracts/questionnaires.js';
import {
  fetchTemplate,
  templateKeys,
  updateTemplate,
  type Template,
} from '../../api/assessments.js';
import { isApiError } from '../../api/client.js';
import { DefinitionForm } from './DefinitionForm.js';
import type { toDefinition } from './draft.js';
import { clientIssues, issuesByPath, serverIssues } from './issues.js';
import { JsonDefinitionEditor } from './JsonDefinitionEditor.js';
import { SaveFeedback } from './SaveFeedback.js';
import { UnsavedChangesGuard } from './UnsavedChangesGuard.js';
import { useTemplateDraft } from './useTemplateDraft.js';

interface SaveInput {
  definition: TemplateDefinition;
  sent: ReturnType<typeof toDefinition>;
}

/**
 * Edits a custom template. Every save is a new version based on the one loaded here; if
 * someone saved in between, the server refuses rather than silently overwrite their work.
 */
export function TemplateEditor({ template }: { template: Template }) {
  // `template` follows the query (refetched on focus); only its first value seeds the draft.
  const queryClient = useQueryClient();
  const draft = useTemplateDraft(template.definition);
  const [baseVersion, setBaseVersion] = useState(template.version);
  const [attempted, setAttempted] = useState(false);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const [asJson, setAsJson] = useState(false);
  const [reloading, setReloading] = useState(false);
  const feedbackRef = useRef<HTMLDivElement>(null);

  // Checked live only once a save was tried, so nobody is told off while still typing.
  const parsed = useMemo(
    () => (attempted ? templateDefinition.safeParse(draft.definition) : null),
    [attempted, draft.definition],
  );
  const issues = parsed && !parsed.success ? clientIssues(parsed.error) : [];

  const mutation = useMutation({
    mutationFn: ({ definition }: SaveInput) => updateTemplate(template.id, baseVersion, definition),
    onSuccess: async (saved, { sent }) => {
      draft.markSaved(sent);
      setBaseVersion(saved.version);
      setSavedVersion(saved.version);
      setAttempted(false);
      queryClient.setQueryData(templateKeys.detail(template.id), saved);
      notifications.show({
        color: 'teal',
        message: `Saved ${saved.name} as version ${saved.version}.`,
      });
      await queryClient.invalidateQueries({ queryKey: templateKeys.all, exact: true });
    },
    onError: () => focusFeedback(),
  });
  const refused = serverIssues(mutation.error);
  const errors = issuesByPath([...issues, ...refused]);

  function focusFeedback() {
    window.requestAnimationFrame(() => feedbackRef.current?.focus());
  }

  function save() {
    setAttempted(true);
    setSavedVersion(null);
    mutation.reset();
    const result = templateDefinition.safeParse(draft.definition);
    if (!result.success) {
      focusFeedback();
      return;
    }
    mutation.mutate({ definition: result.data, sent: draft.definition });
  }

  async function reload() {
    setReloading(true);
    try {
      const fresh = await queryClient.fetchQuery({
        queryKey: templateKeys.detail(template.id),
        queryFn: () => fetchTemplate(template.id),
        staleTime: 0,
      });
      draft.replace(fresh.definition, true);
      setBaseVersion(fresh.version);
      setAsJson(false);
      setAttempted(false);
      setSavedVersion(null);
      mutation.reset();
      notifications.show({ message: `Reloaded version ${fresh.version}.` });
    } catch (error) {
      notifications.show({
        color: 'red',
        title: 'Could not reload',
        message: isApiError(error) ? error.message : 'Please try again.',
      });
    } finally {
      setReloading(false);
    }
  }

  return (
    <Stack gap="lg">
      <UnsavedChangesGuard dirty={draft.dirty && !mutation.isPending} />
      <Text size="sm" c="dimmed" maw={760}>
        Saving makes version {baseVersion + 1}. Assessments already sent keep the version they were
        sent with; new assessments use the latest one. Keys are what answers, conditions and
        findings refer to, so keep them stable once a questionnaire is in use.
      </Text>
      <div ref={feedbackRef} tabIndex={-1} style={{ outline: 'none' }}>
        <SaveFeedback
          issues={issues}
          refused={refused}
          error={mutation.error}
          savedVersion={savedVersion}
          overtakenBy={template.version > baseVersion ? template.version : null}
          reloading={reloading}
          onReload={() => void reload()}
        />
      </div>
      <Switch
        label="Edit as JSON"
        description="For pasting or bulk edits; the form is the easier way for everything else."
        checked={asJson}
        onChange={(event) => setAsJson(event.currentTarget.checked)}
      />
      {asJson ? (
        <JsonDefinitionEditor
          definition={draft.definition}
          onApply={(definition) => {
            draft.replace(definition);
            setAsJson(false);
            notifications.show({ message: 'JSON applied. Save to keep it.' });
          }}
        />
      ) : (
        <DefinitionForm draft={draft} errors={errors} />
      )}
      <Paper
        withBorder
        shadow="sm"
        p="sm"
        radius="md"
        pos="sticky"
        bottom={8}
        style={{ zIndex: 2 }}
      >
        <Group justify="space-between">
          <Text size="sm" aria-live="polite" data-testid="template-save-state">
            {draft.dirty
              ? 'Unsaved changes'
              : savedVersion !== null
                ? `Saved as version ${savedVersion}`
                : `Version ${baseVersion}, no unsaved changes`}
          </Text>
          <Button
            leftSection={<IconDeviceFloppy size={16} aria-hidden />}
            loading={mutation.isPending}
            disabled={!draft.dirty || asJson}
            onClick={save}
          >
            Save as version {baseVersion + 1}
          </Button>
        </Group>
      </Paper>
    </Stack>
  );
}
