import {
  ActionIcon,
  Button,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDown, IconArrowUp } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import {
  useCreateMeasure,
  useDeleteMeasure,
  useMeasures,
  useReorderMeasures,
  useUpdateMeasure,
  type Measure,
  type MeasureInput,
} from '../../api/trust.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { FormError } from '../../components/FormError.js';
import { useZodForm } from '../../hooks/useZodForm.js';
import { textareaField } from '../vendors/formValues.js';
import { measureForm, type MeasureFormValues, notifyFailure } from './trustForms.js';
import { QueryState } from './TrustSection.js';

const empty: MeasureFormValues = { title: '', description: '' };

/** The security measures, in the order the public page lists them. */
export function MeasuresTab() {
  const measures = useMeasures();
  const create = useCreateMeasure();
  const reorder = useReorderMeasures();
  const remove = useDeleteMeasure();
  const [editing, setEditing] = useState<Measure | null>(null);
  // Remounts the add form after each measure is added, so it starts empty.
  const [added, setAdded] = useState(0);
  const items = measures.data ?? [];

  function move(index: number, by: -1 | 1) {
    const ids = items.map((item) => item.id);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + by, 0, moved!);
    reorder.mutate(ids, {
      onError: (error) => notifyFailure(error, 'The order was not saved.'),
    });
  }

  return (
    <Stack gap="lg">
      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-measures">
        <Title order={2} size="h4" id="trust-measures" mb="md">
          Security measures
        </Title>
        <QueryState query={measures} loadingLabel="Loading the security measures" />
        {measures.data && items.length === 0 && (
          <Text size="sm" c="dimmed">
            No measures yet. The public page says so until you add one.
          </Text>
        )}
        {items.length > 0 && (
          <Stack gap="sm" component="ol" aria-label="Measures" style={{ listStyle: 'none' }} p={0}>
            {items.map((item, index) => (
              <Paper component="li" key={item.id} withBorder radius="sm" p="sm">
                <Group justify="space-between" align="flex-start" wrap="nowrap">
                  <Stack gap={2}>
                    <Text fw={600}>{item.title}</Text>
                    <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                      {item.description}
                    </Text>
                  </Stack>
                  <Group gap="xs" wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move ${item.title} up`}
                      disabled={index === 0 || reorder.isPending}
                      onClick={() => move(index, -1)}
                    >
                      <IconArrowUp size={16} aria-hidden />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      aria-label={`Move ${item.title} down`}
                      disabled={index === items.length - 1 || reorder.isPending}
                      onClick={() => move(index, 1)}
                    >
                      <IconArrowDown size={16} aria-hidden />
                    </ActionIcon>
                    <Button
                      size="xs"
                      variant="default"
                      aria-label={`Edit ${item.title}`}
                      onClick={() => setEditing(item)}
                    >
                      Edit
                    </Button>
                    <ConfirmButton
                      size="xs"
                      variant="light"
                      aria-label={`Delete ${item.title}`}
                      title="Delete this measure?"
                      message={`"${item.title}" disappears from the public page at once.`}
                      confirmLabel="Delete measure"
                      onConfirm={() => remove.mutateAsync(item.id)}
                    >
                      Delete
                    </ConfirmButton>
                  </Group>
                </Group>
              </Paper>
            ))}
          </Stack>
        )}
      </Paper>

      <Paper withBorder radius="md" p="md" component="section" aria-labelledby="trust-add-measure">
        <Title order={2} size="h4" id="trust-add-measure" mb="md">
          Add a measure
        </Title>
        <MeasureForm
          key={added}
          initial={empty}
          submitLabel="Add measure"
          busy={create.isPending}
          onSubmit={(input, onError) =>
            create.mutate(input, {
              onSuccess: () => {
                notifications.show({ color: 'teal', message: 'Measure added.' });
                setAdded((n) => n + 1);
              },
              onError,
            })
          }
        />
      </Paper>

      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title="Edit measure"
        centered
      >
        {editing && (
          <EditMeasure
            measure={editing}
            onDone={() => {
              notifications.show({ color: 'teal', message: 'Measure saved.' });
              setEditing(null);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}

function EditMeasure({ measure, onDone }: { measure: Measure; onDone: () => void }) {
  const update = useUpdateMeasure();
  const initial = useMemo(
    () => ({ title: measure.title, description: measure.description }),
    [measure],
  );
  return (
    <MeasureForm
      initial={initial}
      submitLabel="Save measure"
      busy={update.isPending}
      onSubmit={(input, onError) =>
        update.mutate({ id: measure.id, ...input }, { onSuccess: onDone, onError })
      }
    />
  );
}

function MeasureForm({
  initial,
  submitLabel,
  busy,
  onSubmit,
}: {
  initial: MeasureFormValues;
  submitLabel: string;
  busy: boolean;
  onSubmit: (input: MeasureInput, onError: (error: unknown) => void) => void;
}) {
  const form = useZodForm(measureForm, initial);
  return (
    <form
      onSubmit={form.submitWith((input) => onSubmit(input, form.applyError))}
      noValidate
      aria-label={submitLabel}
    >
      <Stack gap="sm">
        <FormError message={form.formError} title="The measure was not saved" />
        <TextInput label="Title" required maxLength={120} {...form.field('title')} />
        <Textarea
          label="Description"
          description="What the public reads; plain text"
          required
          autosize
          minRows={3}
          maxRows={10}
          {...textareaField(form, 'description')}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
