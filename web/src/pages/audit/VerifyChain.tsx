import { Alert, Button, Code, Modal, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCircleCheck, IconShieldCheck, IconShieldX } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { verifyAuditChain, type ChainVerification } from '../../api/audit.js';
import { FormError } from '../../components/FormError.js';

/** Re-walks the whole hash chain on the server and reports OK or the first broken link. */
export function VerifyChain() {
  const [opened, { open, close }] = useDisclosure(false);
  const verify = useMutation({ mutationFn: verifyAuditChain });

  function start() {
    open();
    verify.mutate();
  }

  return (
    <>
      <Button
        variant="default"
        leftSection={<IconShieldCheck size={16} aria-hidden />}
        onClick={start}
      >
        Verify chain
      </Button>
      <Modal opened={opened} onClose={close} title="Audit chain verification" size="lg" centered>
        <Stack aria-live="polite">
          {verify.isPending && <Text size="sm">Checking every entry…</Text>}
          <FormError message={verify.error?.message} title="Verification could not run" />
          {verify.data && <VerificationResult result={verify.data} />}
        </Stack>
      </Modal>
    </>
  );
}

function VerificationResult({ result }: { result: ChainVerification }) {
  if (result.ok) {
    return (
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck aria-hidden />}
        title="Chain OK"
        data-testid="chain-ok"
      >
        <Text size="sm">
          All {result.checked} entries link correctly. Head: entry #{result.headSeq}, hash{' '}
          <Code fz="xs" style={{ wordBreak: 'break-all' }}>
            {result.headHash}
          </Code>
        </Text>
      </Alert>
    );
  }
  const broken = result.firstBreak;
  return (
    <Alert
      color="red"
      variant="light"
      icon={<IconShieldX aria-hidden />}
      title="Chain broken"
      data-testid="chain-broken"
    >
      <Text size="sm">
        {broken ? (
          <>
            The first broken link is entry #{broken.seq} ({broken.reason}): {broken.message}
          </>
        ) : (
          'The chain does not verify.'
        )}
      </Text>
      <Text size="sm" mt="xs">
        Checked {result.checked} entries. Entries before the break are intact; investigate who had
        database access.
      </Text>
    </Alert>
  );
}
