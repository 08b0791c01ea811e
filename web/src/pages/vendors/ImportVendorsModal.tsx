import {
  Alert,
  Button,
  Code,
  FileInput,
  Group,
  Modal,
  ScrollArea,
  Stack,
  Table,
  Text,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconFileTypeCsv } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../api/client.js';
import { importVendors, vendorKeys, type VendorImportResult } from '../../api/vendors.js';
import { FormError } from '../../components/FormError.js';

export function ImportVendorsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title="Import vendors from CSV" size="lg" centered>
      {opened && <ImportForm onDone={onClose} />}
    </Modal>
  );
}

function ImportForm({ onDone }: { onDone: () => void }) {
  const queryClient = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: importVendors,
    onSuccess: async (result) => {
      notifications.show({
        color: 'teal',
        message: `Imported vendors: ${result.created} created, ${result.updated} updated.`,
      });
      await queryClient.invalidateQueries({ queryKey: vendorKeys.all });
    },
  });

  function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!file) {
      setFileError('choose a CSV file');
      return;
    }
    mutation.mutate(file);
  }

  if (mutation.data) return <ImportDone result={mutation.data} onDone={onDone} />;

  const refused =
    mutation.error instanceof ApiError && mutation.error.rows.length > 0 ? mutation.error : null;
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <Text size="sm">
          The first row names the columns, each further row is one vendor: <Code>legal_name</Code>{' '}
          (required), <Code>trading_name</Code>, <Code>website</Code>, <Code>domains</Code>,{' '}
          <Code>country</Code>, <Code>services</Code>, <Code>business_owner</Code>,{' '}
          <Code>security_contact</Code>, <Code>tags</Code> and <Code>status</Code>. Separate several
          domains or tags with semicolons.
        </Text>
        <Text size="sm">
          A vendor whose name is already known is updated. If any row is wrong, nothing is imported
          and the bad rows are listed here.
        </Text>
        <FileInput
          label="CSV file"
          placeholder="Choose a .csv file"
          accept=".csv,text/csv"
          leftSection={<IconFileTypeCsv size={16} aria-hidden />}
          value={file}
          onChange={(chosen) => {
            setFile(chosen);
            setFileError(undefined);
            mutation.reset();
          }}
          error={fileError}
          clearable
          required
        />
        {refused ? (
          <RejectedRows error={refused} />
        ) : (
          <FormError
            message={mutation.error ? errorMessage(mutation.error) : null}
            title="Import failed"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            Cancel
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            Import
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function errorMessage(error: unknown): string {
  return error instanceof ApiError ? error.message : 'Something went wrong. Please try again.';
}

function ImportDone({ result, onDone }: { result: VendorImportResult; onDone: () => void }) {
  return (
    <Stack>
      <Alert
        color="teal"
        variant="light"
        title="Import complete"
        icon={<IconCircleCheck aria-hidden />}
        data-testid="import-result"
      >
        {result.created} {result.created === 1 ? 'vendor' : 'vendors'} created, {result.updated}{' '}
        updated.
      </Alert>
      <Group justify="flex-end">
        <Button onClick={onDone}>Done</Button>
      </Group>
    </Stack>
  );
}

/** Ends a server message with a full stop, unless it already has one. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

function RejectedRows({ error }: { error: ApiError }) {
  const hidden = error.rowErrorCount - error.rows.length;
  return (
    <Stack gap="xs" data-testid="import-rejected">
      <Alert color="red" variant="light" title="Nothing was imported">
        {sentence(error.message)}{' '}
        {hidden > 0 && (
          <strong>
            {error.rowErrorCount} bad rows; the first {error.rows.length} are listed.{' '}
          </strong>
        )}
        Fix the file and try again.
      </Alert>
      <ScrollArea.Autosize mah={320}>
        <Table striped verticalSpacing={4} fz="sm">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Line</Table.Th>
              <Table.Th scope="col">Column</Table.Th>
              <Table.Th scope="col">Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {error.rows.map((row, index) => (
              <Table.Tr key={`${row.line}-${row.field}-${index}`}>
                <Table.Td>{row.line}</Table.Td>
                <Table.Td>{row.field}</Table.Td>
                <Table.Td>{row.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
    </Stack>
  );
}
