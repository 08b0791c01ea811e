import { Button, Group, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import { remediationInput } from '@contracts/assessments.js';
import { isApiError } from '../../api/client.js';
import { portalKey, respondToFinding } from '../../api/portal.js';
import { FindingStatusBadge, SeverityBadge } from '../../components/AssessmentBadges.js';
import { FormError } from '../../components/FormError.js';
import { formatDay } from '../vendors/labels.js';
import type { PortalFinding } from './answers.js';

/** What the review found, and the vendor's plan for each point still open. */
export function PortalFindings({
  token,
  findings,
}: {
  token: string;
  findings: readonly PortalFinding[];
}) {
  const headingId = useId();
  if (findings.length === 0) return null;
  return (
    <Stack component="section" aria-labelledby={headingId} gap="sm">
      <div>
        <Title order={2} size="h3" id={headingId}>
          Findings from the review
        </Title>
        <Text size="sm" c="dimmed" mt={4}>
          For each open finding, tell the reviewer how you will fix it and by when.
        </Text>
      </div>
      {findings.map((finding) => (
        <FindingCard key={finding.id} token={token} finding={finding} />
      ))}
    </Stack>
  );
}

function FindingCard({ token, finding }: { token: string; finding: PortalFinding }) {
  const titleId = useId();
  const [revising, setRevising] = useState(false);
  const answerable = finding.status === 'open' || finding.status === 'remediation_planned';
  const showForm = finding.status === 'open' || revising;

  return (
    <Paper component="article" aria-labelledby={titleId} withBorder radius="md" p="md">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <Title order={3} size="h4" id={titleId}>
            {finding.title}
          </Title>
          <Group gap="xs">
            <SeverityBadge severity={finding.severity} />
            <FindingStatusBadge status={finding.status} />
          </Group>
        </Group>
        {finding.detail && <Paragraph>{finding.detail}</Paragraph>}
        {finding.requestedRemediation && (
          <div>
            <Text size="xs" c="dimmed" fw={500}>
              Requested remediation
            </Text>
            <Paragraph>{finding.requestedRemediation}</Paragraph>
          </div>
        )}
        {finding.remediationPlan && !revising && (
          <div>
            <Text size="xs" c="dimmed" fw={500}>
              Your plan, to be done by {formatDay(finding.remediationDue)}
            </Text>
            <Paragraph>{finding.remediationPlan}</Paragraph>
          </div>
        )}
        {answerable && showForm && (
          <RemediationForm token={token} finding={finding} onDone={() => setRevising(false)} />
        )}
        {answerable && !showForm && (
          <Button variant="light" size="xs" w="fit-content" onClick={() => setRevising(true)}>
            Change plan
          </Button>
        )}
      </Stack>
    </Paper>
  );
}

function Paragraph({ children }: { children: string }) {
  return (
    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
      {children}
    </Text>
  );
}

type FieldErrors = Partial<Record<'plan' | 'dueDate', string>>;

function RemediationForm({
  token,
  finding,
  onDone,
}: {
  token: string;
  finding: PortalFinding;
  onDone: () => void;
}) {
  const queryClient = useQueryClient();
  const [plan, setPlan] = useState(finding.remediationPlan ?? '');
  const [dueDate, setDueDate] = useState(finding.remediationDue ?? '');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const mutation = useMutation({
    mutationFn: (input: { plan: string; dueDate: string }) =>
      respondToFinding(token, finding.id, input.plan, input.dueDate),
    onSuccess: (view) => {
      queryClient.setQueryData(portalKey(token), view);
      notifications.show({ color: 'teal', message: `Your plan for "${finding.title}" was sent.` });
      onDone();
    },
    onError: (error) => {
      if (!isApiError(error)) {
        setFormError('Something went wrong. Please try again.');
        return;
      }
      const found: FieldErrors = {};
      for (const issue of error.issues) {
        const key = issue.field.replace(/^body\./, '');
        if (key === 'plan' || key === 'dueDate') found[key] = issue.message;
      }
      setErrors(found);
      setFormError(Object.keys(found).length > 0 ? null : error.message);
      if ([404, 409, 410].includes(error.status))
        void queryClient.invalidateQueries({ queryKey: portalKey(token) });
    },
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = remediationInput.safeParse({ plan, dueDate });
    if (!parsed.success) {
      const found: FieldErrors = {};
      for (const issue of parsed.error.issues) {
        const key = issue.path[0];
        if ((key === 'plan' || key === 'dueDate') && !found[key]) found[key] = issue.message;
      }
      setErrors(found);
      return;
    }
    setErrors({});
    setFormError(null);
    mutation.mutate(parsed.data);
  }

  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FormError message={formError} title="Your plan was not sent" />
        <Textarea
          label="Remediation plan"
          description="What you will change, and how the reviewer can check it."
          required
          autosize
          minRows={3}
          maxLength={5000}
          value={plan}
          error={errors.plan}
          onChange={(event) => setPlan(event.currentTarget.value)}
        />
        <TextInput
          label="Target date"
          type="date"
          required
          w={{ base: '100%', xs: 220 }}
          value={dueDate}
          error={errors.dueDate}
          onChange={(event) => setDueDate(event.currentTarget.value)}
        />
        <Group gap="sm">
          <Button type="submit" loading={mutation.isPending}>
            Send remediation plan
          </Button>
          {finding.status === 'remediation_planned' && (
            <Button variant="default" onClick={onDone} disabled={mutation.isPending}>
              Cancel
            </Button>
          )}
        </Group>
      </Stack>
    </form>
  );
}
