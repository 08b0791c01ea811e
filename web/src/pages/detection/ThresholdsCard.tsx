import {
  Button,
  Fieldset,
  Group,
  Loader,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { detectionSettings } from '@contracts/detection.js';
import { ApiError } from '../../api/client.js';
import {
  useDetectionSettings,
  useSaveSettings,
  type DetectionSettings,
} from '../../api/detection.js';
import { FormError } from '../../components/FormError.js';
import { QueryError } from '../../components/QueryError.js';
import { fromValues, thresholdGroups, toValues, type ThresholdValues } from './thresholdFields.js';

/** The detectors' thresholds: admins change them, everyone else reads them. */
export function ThresholdsCard({ editable }: { editable: boolean }) {
  const settings = useDetectionSettings();
  // Held here, not in the form: the form starts afresh from each saved version, and a mutation
  // whose component is gone would not report back.
  const save = useSaveSettings();
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="thresholds-heading">
      <Title order={2} size="h3" id="thresholds-heading">
        Thresholds
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {editable
          ? 'Detectors restart with new thresholds as soon as they are saved. The defaults keep false alerts under one a day on a shop with 40,000 logins a day.'
          : 'Only admins can change the thresholds.'}
      </Text>
      {settings.isPending && <Loader size="sm" aria-label="Loading thresholds" />}
      {settings.isError && (
        <QueryError error={settings.error} onRetry={() => void settings.refetch()} />
      )}
      {settings.data && (
        // The server's answer is the new starting point.
        <ThresholdsForm
          key={JSON.stringify(settings.data)}
          settings={settings.data}
          editable={editable}
          save={save}
        />
      )}
    </Paper>
  );
}

function ThresholdsForm({
  settings,
  editable,
  save,
}: {
  settings: DetectionSettings;
  editable: boolean;
  save: ReturnType<typeof useSaveSettings>;
}) {
  const [values, setValues] = useState<ThresholdValues>(() => toValues(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);

  function setValue(path: string, value: number | string) {
    setValues((current) => ({ ...current, [path]: value }));
    setErrors(({ [path]: _dropped, ...rest }) => rest);
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const parsed = detectionSettings.safeParse(fromValues(values));
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) found[issue.path.join('.')] ??= issue.message;
      setErrors(found);
      setFormError('Please check the highlighted thresholds.');
      return;
    }
    setFormError(null);
    save.mutate(parsed.data, {
      onSuccess: () => notifications.show({ color: 'teal', message: 'Thresholds saved.' }),
      onError: (error) => {
        if (!(error instanceof ApiError)) {
          setFormError('Something unexpected went wrong. Please try again.');
          return;
        }
        const found: Record<string, string> = {};
        for (const issue of error.issues) found[issue.field.replace(/^body\./, '')] = issue.message;
        setErrors(found);
        setFormError(error.message);
      },
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Detector thresholds">
      <Stack gap="md">
        <FormError message={formError} title="The thresholds were not saved" />
        {thresholdGroups.map((group) => (
          <Fieldset key={group.key} legend={group.title} variant="filled">
            <Text size="xs" c="dimmed" mb="xs">
              {group.description}
            </Text>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }} spacing="sm" style={{ alignItems: 'end' }}>
              {group.fields.map((field) => (
                <NumberInput
                  key={field.path}
                  name={field.path}
                  label={field.label}
                  aria-label={`${group.title}: ${field.label}`}
                  description={field.description}
                  min={field.min}
                  max={field.max}
                  step={field.step ?? 1}
                  allowDecimal={field.step !== undefined}
                  allowNegative={false}
                  value={values[field.path] ?? ''}
                  onChange={(value) => setValue(field.path, value)}
                  error={errors[field.path]}
                  readOnly={!editable}
                />
              ))}
            </SimpleGrid>
          </Fieldset>
        ))}
        {editable && (
          <Group>
            <Button type="submit" loading={save.isPending}>
              Save thresholds
            </Button>
            <Button
              variant="default"
              onClick={() => {
                setValues(toValues(detectionSettings.parse({})));
                setErrors({});
              }}
              disabled={save.isPending}
            >
              Fill in the defaults
            </Button>
          </Group>
        )}
      </Stack>
    </form>
  );
}
