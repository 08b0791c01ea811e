import { Alert, List, Text } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { describeIssue, type TemplateIssue } from './issues.js';

const shown = 50;

/** What stops a template from being saved or imported, each issue located in words. */
export function IssueList({
  issues,
  title,
  intro,
}: {
  issues: readonly TemplateIssue[];
  title: string;
  intro?: string;
}) {
  if (issues.length === 0) return null;
  const hidden = issues.length - shown;
  return (
    <Alert
      color="red"
      variant="light"
      title={title}
      icon={<IconAlertCircle aria-hidden />}
      data-testid="template-issues"
    >
      {intro && (
        <Text size="sm" mb="xs">
          {intro}
        </Text>
      )}
      <List size="sm" spacing={2}>
        {issues.slice(0, shown).map((issue, index) => (
          <List.Item key={`${issue.path}-${index}`}>{describeIssue(issue)}</List.Item>
        ))}
      </List>
      {hidden > 0 && (
        <Text size="sm" mt="xs">
          …and {hidden} more.
        </Text>
      )}
    </Alert>
  );
}
