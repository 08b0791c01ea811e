import { Button, Center, Group, Loader, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { reviewInput } from '@contracts/incidents.js';
import {
  useReview,
  useSaveReview,
  type Incident,
  type Review,
  type ReviewInput,
} from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';
import { LocalTime } from '../../components/LocalTime.js';
import { QueryError } from '../../components/QueryError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { textareaField } from '../vendors/formValues.js';
import { personLabel } from './people.js';

type Section = keyof ReviewInput;

const sections: { name: Section; label: string; description: string }[] = [
  { name: 'summary', label: 'Summary', description: 'What happened, in a few paragraphs' },
  { name: 'rootCause', label: 'Root cause', description: 'Why it could happen' },
  { name: 'wentWell', label: 'What went well', description: 'What to keep doing' },
  { name: 'toImprove', label: 'What to improve', description: 'What to change next time' },
];

/** The post-incident review: analysts write it, everyone who may see the incident reads it. */
export function ReviewCard({
  incident,
  people,
  editable,
}: {
  incident: Incident;
  people: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const review = useReview(incident.id);
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="review-heading">
      <Title order={2} size="h4" mb={4} id="review-heading">
        Post-incident review
      </Title>
      {review.isPending && (
        <Center p="md">
          <Loader aria-label="Loading the review" />
        </Center>
      )}
      {review.isError && <QueryError error={review.error} onRetry={() => void review.refetch()} />}
      {review.data && (
        <Stack gap="sm">
          <LastSaved review={review.data} people={people} />
          {editable ? (
            <ReviewForm incidentId={incident.id} review={review.data} />
          ) : (
            <ReviewText review={review.data} />
          )}
        </Stack>
      )}
    </Paper>
  );
}

function LastSaved({ review, people }: { review: Review; people: ReadonlyMap<string, string> }) {
  if (!review.updatedAt)
    return (
      <Text size="sm" c="dimmed" data-testid="review-last-saved">
        Not saved yet.
      </Text>
    );
  const by = personLabel(people, review.updatedBy);
  return (
    <Text size="sm" c="dimmed" data-testid="review-last-saved">
      Last saved{by ? ` by ${by}` : ''} <LocalTime iso={review.updatedAt} />
    </Text>
  );
}

/**
 * Filled once from the saved review and not replaced while open, so a refresh never drops what
 * is being typed; after a save the form holds what was saved.
 */
function ReviewForm({ incidentId, review }: { incidentId: string; review: Review }) {
  const form = useZodForm(reviewInput, {
    summary: review.summary,
    rootCause: review.rootCause,
    wentWell: review.wentWell,
    toImprove: review.toImprove,
  });
  const save = useSaveReview(incidentId);

  function submit(input: ReviewInput) {
    save.mutate(input, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Review saved.' }),
      onError: (error) => form.applyError(error),
    });
  }

  return (
    <form onSubmit={form.submitWith(submit)} noValidate aria-labelledby="review-heading">
      <Stack gap="sm">
        <FormError message={form.formError} title="The review was not saved" />
        {sections.map((section) => (
          <Textarea
            key={section.name}
            label={section.label}
            description={section.description}
            autosize
            minRows={3}
            maxLength={20_000}
            {...textareaField(form, section.name)}
          />
        ))}
        <Group>
          <Button type="submit" loading={save.isPending}>
            Save review
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ReviewText({ review }: { review: Review }) {
  return (
    <Stack gap="sm">
      {sections.map((section) => (
        <Stack key={section.name} gap={2}>
          <Title order={3} size="h6">
            {section.label}
          </Title>
          {review[section.name] ? (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {review[section.name]}
            </Text>
          ) : (
            <Text size="sm" c="dimmed">
              Not written yet.
            </Text>
          )}
        </Stack>
      ))}
    </Stack>
  );
}
