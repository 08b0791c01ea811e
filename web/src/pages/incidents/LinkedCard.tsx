import { Code, Group, List, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { LINK_KINDS } from '@contracts/incidents.js';
import {
  useRemoveLink,
  useRemoveMember,
  type Incident,
  type IncidentLink,
} from '../../api/incidents.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { LocalTime } from '../../components/LocalTime.js';
import { AnchorLink } from '../../components/RouterLinks.js';
import { useSignedInSession } from '../../hooks/useSession.js';
import { roleAtLeast } from '../../lib/roles.js';
import { linkKindLabels } from './labels.js';
import { LinkForm } from './LinkForm.js';

/** What the incident concerns (vendors, integrations, alerts, findings) and who is on it. */
export function LinkedCard({
  incident,
  names,
  editable,
}: {
  incident: Incident;
  names: ReadonlyMap<string, string>;
  editable: boolean;
}) {
  const { user } = useSignedInSession();
  // Mirrors the server: members are the owner's, or an admin's, to change.
  const canManage = editable && (incident.ownerId === user.id || roleAtLeast(user.role, 'admin'));
  const removeLink = useRemoveLink(incident.id);
  const removeMember = useRemoveMember(incident.id);
  const groups = LINK_KINDS.map((kind) => ({
    kind,
    links: incident.links.filter((link) => link.kind === kind),
  })).filter((group) => group.links.length > 0);

  async function unlink(link: IncidentLink) {
    await removeLink.mutateAsync(link);
    notifications.show({ color: 'teal', message: 'Link removed.' });
  }

  async function removeFromIncident(userId: string) {
    await removeMember.mutateAsync(userId);
    notifications.show({ color: 'teal', message: 'Member removed.' });
  }

  return (
    <Paper withBorder radius="md" p="md" component="section" aria-labelledby="linked-heading">
      <Title order={2} size="h4" mb="sm" id="linked-heading">
        Linked
      </Title>
      <Stack gap="md" data-testid="incident-links">
        {groups.length === 0 && (
          <Text size="sm" c="dimmed">
            Nothing is linked yet.
          </Text>
        )}
        {groups.map(({ kind, links }) => (
          <Stack key={kind} gap={4} component="section" aria-labelledby={`linked-${kind}-heading`}>
            <Title order={3} size="h6" id={`linked-${kind}-heading`}>
              {linkKindLabels[kind]}
            </Title>
            <List size="sm" spacing={4} listStyleType="none">
              {links.map((link) => (
                <List.Item key={link.targetId}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Stack gap={0}>
                      <LinkTarget link={link} name={names.get(link.targetId)} />
                      <Text size="xs" c="dimmed">
                        linked <LocalTime iso={link.linkedAt} />
                      </Text>
                    </Stack>
                    {editable && (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        aria-label={`Unlink ${names.get(link.targetId) ?? link.targetId}`}
                        title="Remove this link?"
                        message="The timeline records that it was linked and when it was removed."
                        confirmLabel="Remove link"
                        onConfirm={() => unlink(link)}
                      >
                        Unlink
                      </ConfirmButton>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          </Stack>
        ))}
        {editable && <LinkForm incident={incident} />}
        <Stack gap={4} component="section" aria-labelledby="members-heading">
          <Title order={3} size="h6" id="members-heading">
            Members
          </Title>
          {incident.members.length === 0 ? (
            <Text size="sm" c="dimmed">
              No members besides the owner.
            </Text>
          ) : (
            <List size="sm" spacing={4} listStyleType="none" data-testid="incident-members">
              {incident.members.map((member) => (
                <List.Item key={member.userId}>
                  <Group gap="xs" wrap="nowrap" justify="space-between">
                    <Text size="sm">
                      {member.email}{' '}
                      <Text span size="xs" c="dimmed">
                        since <LocalTime iso={member.addedAt} />
                      </Text>
                    </Text>
                    {canManage && (
                      <ConfirmButton
                        size="xs"
                        variant="subtle"
                        aria-label={`Remove ${member.email} from the incident`}
                        title={`Remove ${member.email}?`}
                        message={
                          incident.restricted
                            ? 'This incident is restricted: they will no longer see it.'
                            : 'They stay able to see the incident, as everyone signed in can.'
                        }
                        confirmLabel="Remove member"
                        onConfirm={() => removeFromIncident(member.userId)}
                      >
                        Remove
                      </ConfirmButton>
                    )}
                  </Group>
                </List.Item>
              ))}
            </List>
          )}
        </Stack>
      </Stack>
    </Paper>
  );
}

function LinkTarget({ link, name }: { link: IncidentLink; name: string | undefined }) {
  const id = link.targetId;
  const label = name ?? id;
  const look = { size: 'sm', style: { overflowWrap: 'anywhere' } } as const;
  switch (link.kind) {
    case 'alert':
      return (
        <AnchorLink to="/detection/alerts/$alertId" params={{ alertId: id }} {...look}>
          {label}
        </AnchorLink>
      );
    case 'vendor':
      return (
        <AnchorLink to="/vendors/$vendorId" params={{ vendorId: id }} {...look}>
          {label}
        </AnchorLink>
      );
    case 'finding':
      return (
        <AnchorLink to="/exposure/findings/$findingId" params={{ findingId: id }} {...look}>
          Finding <Code fz="xs">{id}</Code>
        </AnchorLink>
      );
    case 'integration':
      return name ? <Text {...look}>{name}</Text> : <Code fz="xs">{id}</Code>;
  }
}
