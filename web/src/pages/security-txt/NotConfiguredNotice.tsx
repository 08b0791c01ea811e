import { Alert, Code, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import { SECURITY_TXT_URL } from '../../api/disclosure.js';

/** Before the first save the public file does not exist: say so, and what saving does. */
export function NotConfiguredNotice() {
  return (
    <Alert
      color="blue"
      variant="light"
      title="security.txt is not set up yet"
      icon={<IconInfoCircle aria-hidden />}
      data-testid="securitytxt-not-configured"
    >
      <Text size="sm">
        Researchers who find a vulnerability look for <Code>{SECURITY_TXT_URL}</Code> to learn how
        to report it (RFC 9116). Until the fields below are saved, that address answers &ldquo;not
        found&rdquo;. Name at least one contact; Cordon adds Canonical and Expires and keeps Expires
        renewed.
      </Text>
    </Alert>
  );
}
