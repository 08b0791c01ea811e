import {
  Badge,
  Center,
  Divider,
  Drawer,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useState } from 'react';
import type { Obligation } from '../../../../api/breach.js';
import { useNoticeTemplate, type NoticeTemplate } from '../../../../api/breach-templates.js';
import type { Incident } from '../../../../api/incidents.js';
import { QueryError } from '../../../../components/QueryError.js';
import { peopleOf } from '../../people.js';
import { obligationTitle } from '../labels.js';
import { NoticeLocaleField } from './NoticeLocaleField.js';
import { NoticePreviewPanel } from './NoticePreviewPanel.js';
import { NoticeTemplateForm } from './NoticeTemplateForm.js';
import { NoticeVersionsList } from './NoticeVersionsList.js';

/**
 * The notice editor for one obligation. The template belongs to the obligation's rule (every
 * incident under that rule uses it), and the preview renders it for this incident.
 */
export function NoticeEditorDrawer({
  incident,
  obligation,
  editable,
  onClose,
}: {
  incident: Incident;
  obligation: Obligation;
  editable: boolean;
  onClose: () => void;
}) {
  const [locale, setLocale] = useState('en');
  const [saved, setSaved] = useState<NoticeTemplate | null>(null);
  const template = useNoticeTemplate(obligation.ruleId, locale);

  return (
    <Drawer
      opened
      onClose={onClose}
      position="right"
      size={1120}
      title={`Notice: ${obligationTitle(obligation)}`}
      closeButtonProps={{ 'aria-label': 'Close the notice editor' }}
    >
      <Stack gap="lg">
        <Text size="sm" c="dimmed">
          The template for rule <code>{obligation.ruleId}</code>: every incident owing this duty
          sends it. Each save is a new version; the latest is used.
        </Text>
        <Group align="flex-end" gap="md">
          <NoticeLocaleField
            value={locale}
            onChange={(next) => {
              setLocale(next);
              setSaved(null);
            }}
          />
          {template.data && <VersionBadge version={template.data.version} />}
          <Text size="sm" c="teal" role="status" fw={500}>
            {saved && saved.locale === locale ? `Saved version ${saved.version}` : ''}
          </Text>
        </Group>
        {template.isPending && (
          <Center p="md">
            <Loader aria-label="Loading the notice template" />
          </Center>
        )}
        {template.isError && (
          <QueryError error={template.error} onRetry={() => void template.refetch()} />
        )}
        {template.data && (
          <NoticeTemplateForm
            // A new version or locale starts the form again from what the server holds.
            key={`${template.data.locale}:${template.data.version}`}
            template={template.data}
            content={obligation.content}
            editable={editable}
            onSaved={setSaved}
          />
        )}
        <Divider />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <NoticePreviewPanel
            incidentId={incident.id}
            obligationKey={obligation.key}
            locale={locale}
          />
          <NoticeVersionsList
            ruleId={obligation.ruleId}
            locale={locale}
            people={peopleOf(incident)}
          />
        </SimpleGrid>
      </Stack>
    </Drawer>
  );
}

function VersionBadge({ version }: { version: number }) {
  return (
    <Badge
      size="lg"
      variant="light"
      color={version === 0 ? 'gray' : 'blue'}
      style={{ textTransform: 'none' }}
      data-testid="notice-template-version"
    >
      {version === 0 ? 'Draft (not saved yet)' : `Version ${version}`}
    </Badge>
  );
}
