import {
  Alert,
  Button,
  FileInput,
  Group,
  Paper,
  Progress,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconFileUpload, IconUpload } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type ComponentProps, type FormEvent } from 'react';
import {
  datamapKeys,
  fetchCustomerImports,
  importFormatOf,
  uploadCustomerImport,
  type CustomerImport,
  type ImportFormat,
} from '../../api/datamap.js';
import { isApiError } from '../../api/client.js';
import { formatCount } from '../../components/counts.js';
import { FormError } from '../../components/FormError.js';
import { ImportRowErrors } from './ImportRowErrors.js';

// The real <input type="file"> is hidden behind the styled button; tests set files on it.
const fileInputProps = { 'data-testid': 'customer-import-file' } as ComponentProps<'input'>;

/** Uploads the shop's customer export; every row is committed, or none. */
export function CustomerImportCard() {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: ({ blob, format }: { blob: File; format: ImportFormat }) =>
      uploadCustomerImport(blob, format),
    onSuccess: (result) =>
      notifications.show({
        color: 'teal',
        message: `Customers imported: ${formatCount(result.inserted ?? 0)} new, ${formatCount(result.updated ?? 0)} updated.`,
      }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: ['customers'] });
      await queryClient.invalidateQueries({ queryKey: ['blast-radius'] });
    },
  });
  // The upload answers only when the import ends, so progress comes from polling the list.
  const imports = useQuery({
    queryKey: datamapKeys.customerImports,
    queryFn: fetchCustomerImports,
    enabled: mutation.isPending,
    refetchInterval: mutation.isPending ? 1000 : false,
  });
  const running = mutation.isPending
    ? imports.data?.find((item) => item.status === 'running')
    : undefined;

  function submit(event: FormEvent) {
    event.preventDefault();
    const format = file ? importFormatOf(file.name) : null;
    if (!file || !format) {
      setFileError(
        file ? 'Choose a .csv, .ndjson or .jsonl file (optionally .gz)' : 'Choose a file to import',
      );
      return;
    }
    setFileError(null);
    mutation.mutate({ blob: file, format });
  }

  return (
    <Paper withBorder radius="md" p="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={2} size="h4">
          Import customers
        </Title>
        <Text size="sm" c="dimmed">
          A CSV file with a header row (external_id, email, name, phone, country, region, locale,
          customer_since), or NDJSON with one customer object per line; either may be gzipped.
          Customers are matched on their external id: new ones are added, known ones updated. If any
          row is bad, nothing is imported and the bad rows are listed.
        </Text>
        <Group align="end" wrap="wrap">
          <FileInput
            label="Customer file"
            placeholder="customers.csv"
            accept=".csv,.ndjson,.jsonl,.gz,text/csv,application/x-ndjson"
            name="customers"
            fileInputProps={fileInputProps}
            value={file}
            onChange={(next) => {
              setFile(next);
              setFileError(null);
              mutation.reset();
            }}
            error={fileError}
            clearable
            leftSection={<IconFileUpload size={16} aria-hidden />}
            w={340}
            disabled={mutation.isPending}
          />
          <Button
            type="submit"
            loading={mutation.isPending}
            leftSection={<IconUpload size={16} aria-hidden />}
          >
            Import customers
          </Button>
        </Group>
        {mutation.isPending && <ImportProgress running={running} />}
        {mutation.isSuccess && <ImportSucceeded result={mutation.data} />}
        {mutation.isError && <ImportFailed error={mutation.error} />}
      </Stack>
    </Paper>
  );
}

function ImportProgress({ running }: { running: CustomerImport | undefined }) {
  return (
    <Stack gap={4}>
      <Progress value={100} striped animated aria-label="Import in progress" />
      <Text size="sm" role="status">
        {running ? `Importing… ${formatCount(running.rowsRead)} rows read` : 'Uploading the file…'}
      </Text>
    </Stack>
  );
}

function ImportSucceeded({ result }: { result: CustomerImport }) {
  return (
    <Alert color="teal" variant="light" icon={<IconCircleCheck aria-hidden />} title="Imported">
      {formatCount(result.rowsRead)} rows read: {formatCount(result.inserted ?? 0)} customers added,{' '}
      {formatCount(result.updated ?? 0)} updated.
    </Alert>
  );
}

function ImportFailed({ error }: { error: Error }) {
  if (!isApiError(error) || error.rows.length === 0)
    return <FormError message={error.message} title="The import failed" />;
  return (
    <Alert color="red" variant="light" title="Nothing was imported">
      <Text size="sm" mb="xs">
        {error.rowErrorCount === 1
          ? '1 row has a problem.'
          : `${formatCount(error.rowErrorCount)} rows have problems.`}{' '}
        Fix them and import the file again.
      </Text>
      <ImportRowErrors rows={error.rows} total={error.rowErrorCount} />
    </Alert>
  );
}
