import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { Action, ActionType, actionInput } from '../../contracts/incidents.js';
import { isUniqueViolation } from '../../db/errors.js';
import { chunked } from '../../lib/chunks.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import { createKeyring } from '../../lib/keyring.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { describeActor } from '../audit/audit.service.js';
import { parseCidr } from '../detection/detection.cidr.js';
import { ACCESS } from './incidents.access.js';
import type { ActionRow, ActionStore, MessageRow } from './incidents.actions.store.js';
import type { IncidentDeps } from './incidents.deps.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { IncidentRow } from './incidents.store.js';

/** Accounts or sources per signed message: a body stays well under a megabyte. */
const ITEMS_PER_MESSAGE = 5_000;
export const ENDPOINT_KEY_PURPOSE = 'incident-action-endpoints';
export const ACTION_SEND_JOB = 'incidents.actions.send';

/** What one action asks, split into the `data` of its messages. */
interface Request {
  summary: Record<string, unknown>;
  parts: Record<string, unknown>[];
}

/**
 * Containment actions: a request to the shop's own systems (revoke an integration's keys,
 * reset passwords, block sources), sent as Standard Webhooks to the endpoint configured for
 * its type. The action, its messages and a timeline entry commit together; the messages are
 * then queued, each retried with backoff by its job and recorded on every attempt.
 */
export function createActionService(
  deps: IncidentServiceDeps &
    Pick<IncidentDeps, 'jobs' | 'masterKey' | 'alerts'> & {
      actions: ActionStore;
      incidents: Pick<IncidentService, 'changeReturning'>;
    },
) {
  const { actions, access, store } = deps;
  const keyring = createKeyring({ db: deps.db, masterKey: deps.masterKey });

  async function present(rows: ActionRow[]): Promise<Action[]> {
    const messages = await actions.messagesOf(rows.map((row) => row.id));
    return rows.map((row) =>
      actionOf(
        row,
        messages.filter((m) => m.action_id === row.id),
      ),
    );
  }

  /**
   * The accounts, sources or integration the action names, as message data. Read before the
   * action's transaction: detection answers from its own connection, which on SQLite would
   * wait for that transaction to end.
   */
  async function resolve(row: IncidentRow, input: z.output<typeof actionInput>): Promise<Request> {
    const alertIds = async () =>
      (await store.links(row.id)).filter((l) => l.kind === 'alert').map((l) => l.target_id);
    if (input.type === 'revoke_credentials') {
      const integration = await actions.integration(input.integrationId);
      if (!integration)
        throw ValidationError.forField(
          'integrationId',
          `no integration has the id '${input.integrationId}'`,
        );
      const named = {
        id: integration.id,
        name: integration.name,
        vendor: integration.legal_name,
        environment: integration.environment,
        credentialsRef: integration.credentials_ref,
      };
      return {
        summary: { integration: named.name, vendor: named.vendor },
        parts: [{ integration: named }],
      };
    }
    if (input.type === 'force_password_reset') {
      const accounts = input.customerIds
        ? input.customerIds.map((customerId) => ({
            customerId,
            account: null,
            reason: 'requested',
          }))
        : await deps.alerts.accounts(await alertIds());
      if (accounts.length === 0)
        throw ValidationError.forField(
          'customerIds',
          'the linked alerts name no accounts; list the customers to reset',
        );
      const takenOver = accounts.filter((a) => a.reason === 'taken_over').length;
      return {
        summary: {
          accounts: accounts.length,
          takenOver,
          from: input.customerIds ? 'request' : 'linked alerts',
        },
        parts: [...chunked(accounts, ITEMS_PER_MESSAGE)].map((chunk) => ({ accounts: chunk })),
      };
    }
    const sources = input.sources ?? (await deps.alerts.sources(await alertIds()));
    for (const [n, source] of sources.entries())
      if (!parseCidr(source))
        throw ValidationError.forField(
          `sources.${n}`,
          `'${source}' is not an IP address or CIDR range`,
        );
    if (sources.length === 0)
      throw ValidationError.forField(
        'sources',
        'the linked alerts name no sources; list the ranges to block',
      );
    return {
      summary: { sources: sources.length, from: input.sources ? 'request' : 'linked alerts' },
      parts: [...chunked(sources, ITEMS_PER_MESSAGE)].map((chunk) => ({ sources: chunk })),
    };
  }

  return {
    async list(ctx: CallContext, id: string): Promise<Action[]> {
      await access.load(ctx, id, ACCESS.read);
      return present(await actions.actions(id));
    },

    /** Asks for a containment action; the same idempotency key answers with the first one. */
    async request(
      ctx: CallContext,
      id: string,
      input: z.output<typeof actionInput>,
    ): Promise<Action> {
      const { row: incident } = await access.load(ctx, id, ACCESS.write);
      const key = input.idempotencyKey ?? randomUUID();
      const earlier = await actions.byIdempotencyKey(id, key);
      if (earlier) return (await present([earlier]))[0]!;
      const { summary, parts } = await resolve(incident, input);
      if (!(await actions.endpoint(input.type)))
        throw new Conflict(
          `No endpoint is set up for ${input.type}; an admin sets one on the Containment endpoints page`,
        );
      let created: { action: ActionRow; messages: MessageRow[] };
      try {
        created = await deps.incidents.changeReturning(
          ctx,
          id,
          async (row, principal, trx, now) => {
            const action: ActionRow = {
              id: randomUUID(),
              incident_id: id,
              action_type: input.type,
              idempotency_key: key,
              summary: JSON.stringify(summary),
              requested_by: principalUserId(principal),
              requested_at: now,
            };
            const messages = parts.map((data, n) => ({
              id: `msg_${randomUUID()}`,
              action_id: action.id,
              part: n + 1,
              payload: JSON.stringify({
                type: `containment.${input.type}`,
                timestamp: now,
                data: {
                  incident: { id: row.id, title: row.title },
                  action: {
                    id: action.id,
                    part: n + 1,
                    parts: parts.length,
                    requestedBy: describeActor(principal).label,
                  },
                  ...data,
                },
              }),
              status: 'pending',
              attempts: 0,
              last_error: null,
              response_status: null,
              response_body: null,
              created_at: now,
              completed_at: null,
            }));
            await actions.insert(action, messages, trx);
            return {
              action: 'incident.action.requested',
              entry: {
                kind: 'action_executed',
                body: {
                  actionId: action.id,
                  type: input.type,
                  status: 'requested',
                  summary,
                  messages: messages.length,
                },
              },
              details: { actionId: action.id, type: input.type, messages: messages.length },
              value: { action, messages },
            };
          },
        );
      } catch (error) {
        // The same key sent twice at once: the second insert loses, and answers with the first.
        const raced = isUniqueViolation(error) && (await actions.byIdempotencyKey(id, key));
        if (raced) return (await present([raced]))[0]!;
        throw error;
      }
      // After the commit: a job queued for an action that rolled back would send it anyway.
      for (const message of created.messages)
        await deps.jobs.enqueue(
          ACTION_SEND_JOB,
          { messageId: message.id },
          { idempotencyKey: message.id },
        );
      return actionOf(created.action, created.messages);
    },

    async endpoints(ctx: CallContext) {
      authorize(ctx, { role: 'admin', scope: 'admin' });
      return (await actions.endpoints()).map(endpointOf);
    },

    /** Sets where an action type is sent, with a new signing secret, shown this once. */
    async saveEndpoint(ctx: CallContext, actionType: ActionType, url: string) {
      const principal = authorize(ctx, { role: 'admin', scope: 'admin' });
      const secret = `whsec_${randomBytes(24).toString('base64')}`;
      const box = await keyring.box(ENDPOINT_KEY_PURPOSE);
      const row = {
        action_type: actionType,
        url,
        secret_sealed: box.seal(secret, actionType),
        updated_by: principalUserId(principal),
        updated_at: deps.clock.now().toISOString(),
      };
      await deps.db.kysely.transaction().execute(async (trx) => {
        await actions.saveEndpoint(row, trx);
        await deps.audit.record(
          ctx,
          {
            action: 'incident.action.endpoint',
            objectType: 'incident_action_endpoint',
            objectId: actionType,
            details: { url },
          },
          trx,
        );
      });
      return { ...endpointOf(row), secret };
    },

    /**
     * Stops sending an action type anywhere. Messages still waiting for it fail their
     * remaining attempts with "no endpoint is set up", which their incident shows.
     */
    async removeEndpoint(ctx: CallContext, actionType: ActionType): Promise<void> {
      authorize(ctx, { role: 'admin', scope: 'admin' });
      await deps.db.kysely.transaction().execute(async (trx) => {
        if (!(await actions.removeEndpoint(actionType, trx)))
          throw new NotFound('Containment endpoint', actionType);
        await deps.audit.record(
          ctx,
          {
            action: 'incident.action.endpoint.removed',
            objectType: 'incident_action_endpoint',
            objectId: actionType,
          },
          trx,
        );
      });
    },
  };
}

export type ActionService = ReturnType<typeof createActionService>;

function endpointOf(row: {
  action_type: string;
  url: string;
  updated_by: string | null;
  updated_at: string;
}) {
  return {
    actionType: row.action_type as ActionType,
    url: row.url,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

function actionOf(row: ActionRow, messages: MessageRow[]): Action {
  const states = new Set(messages.map((m) => m.status));
  const status = states.has('pending')
    ? 'sending'
    : !states.has('failed')
      ? 'succeeded'
      : states.has('succeeded')
        ? 'partly_failed'
        : 'failed';
  return {
    id: row.id,
    incidentId: row.incident_id,
    type: row.action_type as ActionType,
    status,
    summary: JSON.parse(row.summary) as Record<string, unknown>,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    messages: messages.map((m) => ({
      id: m.id,
      part: Number(m.part),
      status: m.status as Action['messages'][number]['status'],
      attempts: Number(m.attempts),
      lastError: m.last_error,
      responseStatus: m.response_status === null ? null : Number(m.response_status),
      completedAt: m.completed_at,
    })),
  };
}
