import { Alert, Button, Group, Text } from '@mantine/core';
import { IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { isApiError } from '../../api/client.js';
import { FormError } from '../../components/FormError.js';
import { IssueList } from './IssueList.js';
import type { TemplateIssue } from './issues.js';

/** What came of the last save: refused here, refused by the server, overtaken, or saved. */
export function SaveFeedback({
  issues,
  refused,
  error,
  savedVersion,
  overtakenBy,
  reloading,
  onReload,
}: {
  issues: readonly TemplateIssue[];
  refused: readonly TemplateIssue[];
  error: unknown;
  savedVersion: number | null;
  /** A newer version seen since this page was loaded, before any save was tried. */
  overtakenBy: number | null;
  reloading: boolean;
  onReload: () => void;
}) {
  if (issues.length > 0)
    return (
      <IssueList
        issues={issues}
        title="Not saved yet: please fix these first"
        intro="The fields concerned are marked below. This list updates as you edit."
      />
    );
  const conflict = isApiError(error) && error.status === 409;
  if (conflict || overtakenBy !== null)
    return (
      <Alert color="orange" variant="light" title="Someone else saved this questionnaire meanwhile">
        <Text size="sm">
          {conflict
            ? `${error.message.replace(/\.$/, '')}. Your changes were not saved.`
            : `Version ${overtakenBy} was saved after you opened this page, so saving here would be refused.`}{' '}
          Reloading shows the latest version and discards your changes here; to keep them, turn on
          Edit as JSON and copy the text first, then reload and apply it again.
        </Text>
        <Group mt="sm">
          <Button
            size="xs"
            color="orange"
            leftSection={<IconRefresh size={14} aria-hidden />}
            loading={reloading}
            onClick={onReload}
          >
            Reload the latest version
          </Button>
        </Group>
      </Alert>
    );
  if (refused.length > 0)
    return (
      <IssueList
        issues={refused}
        title="The server refused to save"
        intro="The fields concerned are marked below:"
      />
    );
  if (error)
    return (
      <FormError
        title="Could not save the questionnaire"
        message={isApiError(error) ? error.message : 'Something went wrong. Please try again.'}
      />
    );
  if (savedVersion !== null)
    return (
      <Alert
        color="teal"
        variant="light"
        title={`Saved as version ${savedVersion}`}
        icon={<IconCircleCheck aria-hidden />}
        data-testid="template-saved"
      >
        New assessments use version {savedVersion}. Assessments already sent keep the version they
        were sent with.
      </Alert>
    );
  return null;
}
