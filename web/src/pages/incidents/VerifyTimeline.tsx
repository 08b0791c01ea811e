import { Button, Code, Group, Text } from '@mantine/core';
import { IconShieldCheck } from '@tabler/icons-react';
import { useVerifyTimeline, type TimelineVerification } from '../../api/incidents.js';
import { FormError } from '../../components/FormError.js';

/** Re-walks the incident's hash chain on the server: intact, or where it first breaks. */
export function VerifyTimeline({ incidentId }: { incidentId: string }) {
  const verify = useVerifyTimeline(incidentId);
  return (
    <Group gap="sm" wrap="wrap">
      <Button
        variant="default"
        size="xs"
        leftSection={<IconShieldCheck size={14} aria-hidden />}
        loading={verify.isPending}
        onClick={() => verify.mutate()}
      >
        Verify chain
      </Button>
      <div aria-live="polite">
        {verify.data && <Result result={verify.data} />}
        <FormError message={verify.error?.message} title="Verification could not run" />
      </div>
    </Group>
  );
}

function Result({ result }: { result: TimelineVerification }) {
  if (result.ok)
    return (
      <Text size="sm" c="teal" data-testid="timeline-chain-ok">
        Chain intact: {result.checked} {result.checked === 1 ? 'entry' : 'entries'}, head{' '}
        <Code fz="xs" style={{ wordBreak: 'break-all' }}>
          {result.headHash}
        </Code>
      </Text>
    );
  return (
    <Text size="sm" c="red" fw={600} data-testid="timeline-chain-broken">
      {result.firstBreak
        ? `Chain broken at entry ${result.firstBreak.seq}: ${result.firstBreak.message}`
        : `The chain does not verify (checked ${result.checked} entries).`}
    </Text>
  );
}
