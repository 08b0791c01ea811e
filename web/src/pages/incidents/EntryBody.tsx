import { Code, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { TimelineEntry } from '../../api/incidents.js';
import { formatCount } from '../../components/counts.js';
import { LocalTime } from '../../components/LocalTime.js';
import { formatBytes } from '../vendors/labels.js';
import {
  actionTypeLabels,
  custodyActionLabels,
  incidentStatusLabels,
  incidentTypeLabels,
  scopeChangeLabel,
  shortHash,
  triggerLabels,
} from './labels.js';

type Body = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const num = (value: unknown): number | null => (typeof value === 'number' ? value : null);
const record = (value: unknown): Body | null =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Body) : null;
/** A stored value's label; the value itself if this version of the app does not know it. */
const labelOf = (labels: Readonly<Record<string, string>>, value: unknown): string =>
  labels[String(value)] ?? String(value);

const fieldLabels: Record<string, string> = {
  title: 'Title',
  type: 'Type',
  severity: 'Severity',
  summary: 'Summary',
  ownerId: 'Owner',
  restricted: 'Restricted',
};

/** What one entry says, readably, by kind; kinds without a rendering show their data. */
export function EntryBody({
  entry,
  names,
}: {
  entry: TimelineEntry;
  names: ReadonlyMap<string, string>;
}) {
  const body = entry.body;
  switch (entry.kind) {
    case 'note':
    case 'decision':
      return <Verbatim text={str(body.text) ?? ''} plain />;
    case 'communication':
      return <Communication body={body} />;
    case 'status_change':
      return <StatusChange body={body} />;
    case 'trigger_set':
      return <TriggerSet body={body} names={names} />;
    case 'link_change':
      return <LinkChange body={body} names={names} />;
    case 'record_change':
      return <RecordChange body={body} />;
    case 'task_change':
      return <TaskChange body={body} />;
    case 'evidence_added':
      return <EvidenceAdded body={body} />;
    case 'custody':
      return <Custody body={body} />;
    case 'action_executed':
      return <ActionExecuted body={body} />;
    case 'scope_snapshot':
      return <ScopeSnapshotTaken body={body} />;
    default:
      return <Verbatim text={JSON.stringify(body, null, 2)} />;
  }
}

/** Kept exactly as written: line breaks and spacing are part of the record. */
function Verbatim({ text, plain = false }: { text: string; plain?: boolean }) {
  if (plain)
    return (
      <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
        {text}
      </Text>
    );
  return (
    <Code block fz="xs" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
      {text}
    </Code>
  );
}

function Line({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Text size="sm">
      <Text span c="dimmed">
        {label}:{' '}
      </Text>
      {children}
    </Text>
  );
}

function Communication({ body }: { body: Body }) {
  const parties = Array.isArray(body.parties) ? body.parties.map(String) : [];
  const subject = str(body.subject);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        {body.direction === 'received' ? 'Received' : 'Sent'} by{' '}
        {str(body.channel) ?? 'unknown channel'}
      </Text>
      <Line label="Parties">{parties.join(', ')}</Line>
      {subject && <Line label="Subject">{subject}</Line>}
      <Verbatim text={str(body.content) ?? ''} />
    </Stack>
  );
}

function StatusChange({ body }: { body: Body }) {
  const to = labelOf(incidentStatusLabels, body.to);
  const from = str(body.from);
  const reason = str(body.reason);
  if (from === null)
    return (
      <Text size="sm">
        Opened as {to.toLowerCase()}
        {typeof body.type === 'string' &&
          `, a ${labelOf(incidentTypeLabels, body.type).toLowerCase()} incident`}
        .
      </Text>
    );
  return (
    <Stack gap={4}>
      <Text size="sm">
        {labelOf(incidentStatusLabels, from)} → {to}
      </Text>
      {reason && <Line label="Reason">{reason}</Line>}
    </Stack>
  );
}

function TriggerSet({ body, names }: { body: Body; names: ReadonlyMap<string, string> }) {
  const trigger = labelOf(triggerLabels, body.trigger);
  const at = str(body.at);
  const vendorId = str(body.vendorId);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {trigger}
        {vendorId && ` (${names.get(vendorId) ?? vendorId})`}:{' '}
        {at ? (
          <>
            set to <LocalTime iso={at} />
          </>
        ) : (
          'withdrawn'
        )}
      </Text>
      {str(body.reason) && <Line label="Reason">{str(body.reason)}</Line>}
    </Stack>
  );
}

function LinkChange({ body, names }: { body: Body; names: ReadonlyMap<string, string> }) {
  const describe = (value: unknown) =>
    (Array.isArray(value) ? value : [value])
      .map(record)
      .filter((target): target is Body => target !== null)
      .map((target) => {
        const targetId = String(target.targetId);
        return `${String(target.kind)} ${names.get(targetId) ?? targetId}`;
      })
      .join(', ');
  const alert = record(body.alert);
  return (
    <Stack gap={4}>
      {body.added !== undefined && <Line label="Linked">{describe(body.added)}</Line>}
      {body.removed !== undefined && <Line label="Unlinked">{describe(body.removed)}</Line>}
      {alert && (
        <Text size="sm" c="dimmed">
          The alert&rsquo;s evidence as it stood then is kept in this entry
          {str(alert.reason) ? `: ${str(alert.reason)}` : '.'}
        </Text>
      )}
    </Stack>
  );
}

function RecordChange({ body }: { body: Body }) {
  // A saved review: each version is kept here in full.
  const review = record(body.review);
  if (review) return <ReviewSaved review={review} />;
  // An evidence file's labels: the entry names the file and the labels it has now.
  if (str(body.evidenceId))
    return (
      <Line label={`Evidence ${str(body.fileName) ?? str(body.evidenceId) ?? ''}`}>
        legal hold {body.legalHold === true ? 'on' : 'off'},{' '}
        {body.privileged === true ? 'privileged' : 'not privileged'}
      </Line>
    );
  const changes = Object.entries(record(body.changes) ?? {});
  const added = record(body.memberAdded);
  const removed = record(body.memberRemoved);
  return (
    <Stack gap={4}>
      {changes.map(([field, change]) => {
        const { from, to } = record(change) ?? {};
        return (
          <Line key={field} label={fieldLabels[field] ?? field}>
            {showValue(field, from)} → {showValue(field, to)}
          </Line>
        );
      })}
      {changes.length === 0 && !added && !removed && <Text size="sm">Nothing changed.</Text>}
      {added && <Line label="Member added">{str(added.email) ?? str(added.userId)}</Line>}
      {removed && <Line label="Member removed">{str(removed.userId)}</Line>}
    </Stack>
  );
}

function showValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '(none)';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (field === 'type') return labelOf(incidentTypeLabels, value);
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function TaskChange({ body }: { body: Body }) {
  const added = Array.isArray(body.added) ? body.added.map(String) : [];
  const title = str(body.title);
  const playbook = str(body.playbook);
  if (playbook)
    return (
      <Line label={`Playbook ${playbook} applied`}>
        {added.length ? added.join('; ') : 'no tasks'}
      </Line>
    );
  if (added.length) return <Line label="Task added">{added.join('; ')}</Line>;
  if (body.overdue === true)
    return (
      <Text size="sm">
        {title ?? 'A task'} is overdue (due <LocalTime iso={str(body.dueAt)} />
        ).
      </Text>
    );
  const changed = Array.isArray(body.changed) ? body.changed.map(String) : [];
  return (
    <Line label={`Task ${title ?? str(body.taskId) ?? ''}`}>
      {changed.length ? `changed ${changed.join(', ')}` : 'changed'}
      {str(body.status) ? `; now ${str(body.status)}` : ''}
    </Line>
  );
}

/** A hash shortened, the whole of it on hover and to screen readers. */
function Hash({ value }: { value: string }) {
  return (
    <Code fz="xs" title={value} aria-label={`SHA-256 ${value}`}>
      {shortHash(value)}
    </Code>
  );
}

const reviewSections = [
  ['summary', 'Summary'],
  ['rootCause', 'Root cause'],
  ['wentWell', 'What went well'],
  ['toImprove', 'What to improve'],
] as const;

function ReviewSaved({ review }: { review: Body }) {
  const written = reviewSections.filter(([name]) => str(review[name]));
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Post-incident review saved
      </Text>
      {written.length === 0 && <Text size="sm">Every section empty.</Text>}
      {written.map(([name, label]) => (
        <Stack key={name} gap={0}>
          <Text size="sm" c="dimmed">
            {label}:
          </Text>
          <Verbatim text={str(review[name]) ?? ''} plain />
        </Stack>
      ))}
    </Stack>
  );
}

function EvidenceAdded({ body }: { body: Body }) {
  const sha256 = str(body.sha256);
  const byteSize = num(body.byteSize);
  const mediaType = str(body.mediaType);
  const about = [byteSize === null ? null : formatBytes(byteSize), mediaType].filter(Boolean);
  return (
    <Stack gap={4}>
      <Line label="File">
        <Text span style={{ overflowWrap: 'anywhere' }}>
          {str(body.fileName) ?? 'unnamed'}
        </Text>
        {about.length > 0 && ` (${about.join(', ')})`}
      </Line>
      {sha256 && (
        <Line label="SHA-256">
          <Hash value={sha256} />
        </Line>
      )}
      {str(body.acquiredFrom) && <Line label="Acquired from">{str(body.acquiredFrom)}</Line>}
    </Stack>
  );
}

function Custody({ body }: { body: Body }) {
  const action = labelOf(custodyActionLabels, body.action);
  const from = str(body.from);
  const to = str(body.to);
  const exported = Array.isArray(body.evidence) ? body.evidence.length : null;
  return (
    <Stack gap={4}>
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {action}
        {(from || to) && `: ${from ?? 'Cordon evidence store'} → ${to ?? 'unknown'}`}
      </Text>
      {exported !== null && (
        <Line label="Evidence exported">
          {exported} {exported === 1 ? 'file' : 'files'}, privileged evidence{' '}
          {body.privilegedIncluded === true ? 'included' : 'left out'}
        </Line>
      )}
      {str(body.purpose) && <Line label="Purpose">{str(body.purpose)}</Line>}
      {str(body.location) && <Line label="Location">{str(body.location)}</Line>}
      {body.verified === true && (
        <Text size="sm" c="dimmed">
          The file matched its SHA-256 when it was served
          {str(body.sha256) && (
            <>
              {' '}
              (<Hash value={str(body.sha256) ?? ''} />)
            </>
          )}
          .
        </Text>
      )}
    </Stack>
  );
}

const outcomeLabels: Record<string, string> = {
  succeeded: 'succeeded',
  failed: 'failed, no more retries',
  retrying: 'failed, will retry',
};

function ActionExecuted({ body }: { body: Body }) {
  const type = labelOf(actionTypeLabels, body.type);
  // The request itself, recorded when it is committed; each try follows as its own entry.
  if (body.status === 'requested') {
    const messages = num(body.messages) ?? 0;
    return (
      <Text size="sm">
        {type} requested: {messages} {messages === 1 ? 'message' : 'messages'} to send.
      </Text>
    );
  }
  const response = record(body.response);
  const status = num(response?.status);
  const error = str(response?.error);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {type}, part {num(body.part) ?? '?'}, attempt {num(body.attempt) ?? '?'}:{' '}
        {labelOf(outcomeLabels, body.outcome)}
      </Text>
      <Line label="Response">{status === null ? 'none (not reached)' : `HTTP ${status}`}</Line>
      {error && <Line label="Error">{error}</Line>}
    </Stack>
  );
}

function ScopeSnapshotTaken({ body }: { body: Body }) {
  const customers = num(body.customers) ?? 0;
  const window = record(body.window);
  const change = record(body.change);
  const setSha256 = str(body.setSha256);
  return (
    <Stack gap={4}>
      <Text size="sm">
        {formatCount(customers)} {customers === 1 ? 'customer' : 'customers'} affected;{' '}
        {scopeChangeLabel(
          change && { added: num(change.added) ?? 0, removed: num(change.removed) ?? 0 },
        )}
      </Text>
      {window && (
        <Line label="Window">
          <LocalTime iso={str(window.from)} /> to <LocalTime iso={str(window.to)} />
        </Line>
      )}
      {setSha256 && (
        <Line label="Customer set SHA-256">
          <Hash value={setSha256} />
        </Line>
      )}
    </Stack>
  );
}
