import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { IconChecklist } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useValidateSecurityTxt } from '../../api/disclosure.js';
import { FormError } from '../../components/FormError.js';
import { SecurityTxtReportView } from './SecurityTxtReportView.js';

/** Checks any security.txt (a vendor's, or a draft) against RFC 9116 on the server. */
export function SecurityTxtCheckCard() {
  const [text, setText] = useState('');
  const [empty, setEmpty] = useState(false);
  const check = useValidateSecurityTxt();

  function submit(event: FormEvent) {
    event.preventDefault();
    if (text.trim() === '') {
      setEmpty(true);
      return;
    }
    check.mutate(text);
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="securitytxt-check">
      <Stack gap="sm">
        <Title order={2} size="h4" id="securitytxt-check">
          Check a security.txt
        </Title>
        <Text size="sm" c="dimmed">
          Paste a file, signed or not, to see what RFC 9116 says about it. Nothing is stored.
        </Text>
        <form onSubmit={submit} noValidate aria-labelledby="securitytxt-check">
          <Stack gap="sm">
            <Textarea
              label="File to check"
              placeholder={'Contact: mailto:security@vendor.example\nExpires: 2026-12-31T23:00:00Z'}
              autosize
              minRows={4}
              maxRows={16}
              spellCheck={false}
              autoComplete="off"
              styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
              value={text}
              onChange={(event) => {
                setText(event.currentTarget.value);
                setEmpty(false);
              }}
              error={empty ? 'Paste the file to check' : undefined}
            />
            <Group>
              <Button
                type="submit"
                variant="light"
                loading={check.isPending}
                leftSection={<IconChecklist size={16} aria-hidden />}
              >
                Check file
              </Button>
            </Group>
          </Stack>
        </form>
        <FormError message={check.error?.message} title="The file could not be checked" />
        {check.data && <SecurityTxtReportView report={check.data} />}
      </Stack>
    </Paper>
  );
}
