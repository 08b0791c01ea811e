import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type {
  Playbook,
  Task,
  TriggerSetting,
  taskInput,
  taskPatch,
} from '../../contracts/incidents.js';
import type { Executor } from '../../db/database.js';
import { Conflict, NotFound, ValidationError } from '../../lib/errors.js';
import {
  authorize,
  principalUserId,
  systemContext,
  type CallContext,
} from '../../lib/principal.js';
import { ACCESS } from './incidents.access.js';
import type { IncidentDeps } from './incidents.deps.js';
import { PLAYBOOKS, playbookOf } from './incidents.playbooks.js';
import type { IncidentService, IncidentServiceDeps } from './incidents.service.js';
import type { IncidentRow } from './incidents.store.js';
import type { TaskRow, TaskStore } from './incidents.tasks.store.js';
import { currentTriggers, triggerAt } from './incidents.triggers.js';

const HOUR_MS = 3_600_000;
const ACTION_ITEM = 'action-item';
/** Reminders sent per run; the next minute's run takes the rest. */
const REMINDER_BATCH = 200;

type Due = NonNullable<Task['due']>;

/**
 * Playbooks and tasks: applying a playbook creates its tasks, with deadlines that follow the
 * incident's trigger times; tasks can be added by hand, assigned, ticked off and completed;
 * overdue tasks are chased once per deadline by a job.
 */
export function createTaskService(
  deps: IncidentServiceDeps &
    Pick<IncidentDeps, 'mail' | 'notify' | 'config'> & {
      tasks: TaskStore;
      incidents: Pick<IncidentService, 'changeReturning'>;
    },
) {
  const { store, tasks, access, incidents } = deps;

  /** Only the owner and members may hold a task of a restricted incident. */
  async function checkAssignee(row: IncidentRow, userId: string, trx: Executor) {
    const user = await store.activeUser(userId, trx);
    if (!user)
      throw ValidationError.forField('assigneeId', `no active user has the id '${userId}'`);
    if (row.restricted && row.owner_id !== userId && !(await store.isMember(row.id, userId, trx)))
      throw ValidationError.forField(
        'assigneeId',
        'this incident is restricted: add them as a member first',
      );
  }

  async function dueOf(id: string, due: Due | undefined, trx: Executor) {
    if (!due) return null;
    return dueFrom(due, currentTriggers(await store.triggers(id, trx)));
  }

  return {
    playbooks(ctx: CallContext): readonly Playbook[] {
      authorize(ctx, ACCESS.read);
      return PLAYBOOKS;
    },

    async list(ctx: CallContext, id: string): Promise<Task[]> {
      await access.load(ctx, id, ACCESS.read);
      return (await tasks.list(id)).map(taskOf);
    },

    apply(ctx: CallContext, id: string, key: string): Promise<Task[]> {
      return incidents.changeReturning(ctx, id, async (row, principal, trx, now) => {
        const playbook = playbookOf(key);
        if (!playbook)
          throw ValidationError.forField(
            'playbook',
            `no playbook is called '${key}'; there are ${PLAYBOOKS.map((p) => p.key).join(', ')}`,
          );
        const by = principalUserId(principal);
        const applied = { incidentId: id, playbook: key, version: playbook.version, by };
        if (!(await tasks.markApplied(applied, now, trx)))
          throw new Conflict(`Playbook '${key}' was applied to this incident already`);
        const triggers = currentTriggers(await store.triggers(id, trx));
        const rows = playbook.tasks.map((template, position) =>
          newTask(id, now, {
            playbook: key,
            task_key: template.key,
            position,
            title: template.title,
            description: template.description ?? '',
            role: template.role,
            // The owner's tasks go to the owner; the rest wait for someone in that role.
            assignee_id: template.role === 'owner' ? row.owner_id : null,
            due_trigger: template.due?.from ?? null,
            due_offset_hours: template.due?.hours ?? null,
            due_at: template.due ? dueFrom(template.due, triggers) : null,
            checklist: JSON.stringify(template.checklist.map((text) => ({ text, done: false }))),
          }),
        );
        await tasks.insert(rows, trx);
        return {
          action: 'incident.playbook.applied',
          entry: {
            kind: 'task_change',
            body: { playbook: key, version: playbook.version, added: rows.map((r) => r.title) },
          },
          details: { playbook: key, tasks: rows.length },
          value: rows.map(taskOf),
        };
      });
    },

    add(ctx: CallContext, id: string, input: z.output<typeof taskInput>): Promise<Task> {
      return incidents.changeReturning(ctx, id, async (row, _principal, trx, now) => {
        if (input.assigneeId) await checkAssignee(row, input.assigneeId, trx);
        const task = newTask(id, now, {
          playbook: null,
          // Action items are told apart by their key; playbook tasks carry their own.
          task_key: input.actionItem ? ACTION_ITEM : null,
          position: 0,
          title: input.title,
          description: input.description,
          role: input.role ?? null,
          assignee_id: input.assigneeId ?? null,
          due_trigger: input.due?.from ?? null,
          due_offset_hours: input.due?.hours ?? null,
          due_at: input.dueAt ?? (await dueOf(id, input.due, trx)),
          checklist: JSON.stringify(input.checklist.map((text) => ({ text, done: false }))),
        });
        await tasks.insert([task], trx);
        return {
          action: 'incident.task.added',
          entry: { kind: 'task_change', body: { added: [task.title], taskId: task.id } },
          details: { taskId: task.id },
          value: taskOf(task),
        };
      });
    },

    update(ctx: CallContext, id: string, taskId: string, patch: z.output<typeof taskPatch>) {
      return incidents.changeReturning(ctx, id, async (row, principal, trx, now) => {
        const task = await tasks.get(id, taskId, trx);
        if (!task) throw new NotFound('Task', taskId);
        if (patch.assigneeId) await checkAssignee(row, patch.assigneeId, trx);
        const checklist = JSON.parse(task.checklist) as Task['checklist'];
        if (patch.checked && patch.checked.length !== checklist.length)
          throw ValidationError.forField(
            'checked',
            `the task has ${checklist.length} checklist items, not ${patch.checked.length}`,
          );
        const status = patch.status ?? task.status;
        const finished = status !== 'open';
        const changes = {
          title: patch.title,
          description: patch.description,
          status: patch.status,
          assignee_id: patch.assigneeId,
          checklist: patch.checked
            ? JSON.stringify(checklist.map((item, n) => ({ ...item, done: patch.checked![n]! })))
            : undefined,
          // A deadline set by hand stops following the trigger time.
          ...(patch.dueAt !== undefined
            ? {
                due_at: patch.dueAt,
                due_trigger: null,
                due_offset_hours: null,
                overdue_notified_at: null,
              }
            : {}),
          ...(patch.status !== undefined
            ? {
                completed_at: finished ? now : null,
                completed_by: finished ? principalUserId(principal) : null,
              }
            : {}),
          updated_at: now,
        };
        await tasks.update(taskId, changes, trx);
        const after = (await tasks.get(id, taskId, trx))!;
        return {
          action: 'incident.task.updated',
          entry: {
            kind: 'task_change',
            body: { taskId, title: after.title, changed: Object.keys(patch), status: after.status },
          },
          details: { taskId, fields: Object.keys(patch) },
          value: taskOf(after),
        };
      });
    },

    /**
     * Chases each open task past its deadline once: the assignee, else the incident's owner,
     * else (never for a restricted incident) the security team. The mail is keyed by task and
     * deadline, so a run that stops before recording the reminder sends nothing twice.
     */
    async remindOverdue(): Promise<number> {
      const now = deps.clock.now().toISOString();
      const due = await tasks.overdue(now, REMINDER_BATCH);
      for (const task of due) {
        const link = `${deps.config.publicUrl}/incidents/${task.incident_id}`;
        const message = {
          subject: `Overdue: ${task.title}`,
          text: `The task "${task.title}" of incident "${task.incident_title}" was due at ${task.due_at} (UTC).\n\n${link}\n`,
        };
        const idempotencyKey = `incident-task-overdue:${task.id}:${task.due_at}`;
        const to = task.assignee_email ?? task.owner_email;
        if (to) await deps.mail.send({ to, ...message }, { idempotencyKey });
        else if (!task.restricted) await deps.notify(message, { idempotencyKey });
        await incidents.changeReturning(
          systemContext('incidents.reminders'),
          task.incident_id,
          async (_row, _p, trx) => {
            await tasks.update(task.id, { overdue_notified_at: now }, trx);
            return {
              action: 'incident.task.overdue',
              entry: {
                kind: 'task_change',
                body: { taskId: task.id, title: task.title, overdue: true, dueAt: task.due_at },
              },
              value: null,
            };
          },
        );
      }
      return due.length;
    },
  };
}

export type TaskService = ReturnType<typeof createTaskService>;

/** The instant a relative deadline falls on, or null while its trigger time is not set. */
export function dueFrom(due: Due, triggers: readonly TriggerSetting[]): string | null {
  const at = triggerAt(triggers, due.from);
  return at === null ? null : new Date(Date.parse(at) + due.hours * HOUR_MS).toISOString();
}

function newTask(
  incidentId: string,
  now: string,
  fields: Omit<
    TaskRow,
    | 'id'
    | 'incident_id'
    | 'status'
    | 'created_at'
    | 'updated_at'
    | 'completed_at'
    | 'completed_by'
    | 'overdue_notified_at'
  >,
): TaskRow {
  return {
    id: randomUUID(),
    incident_id: incidentId,
    status: 'open',
    created_at: now,
    updated_at: now,
    completed_at: null,
    completed_by: null,
    overdue_notified_at: null,
    ...fields,
  };
}

function taskOf(row: TaskRow): Task {
  return {
    id: row.id,
    incidentId: row.incident_id,
    playbook: row.playbook,
    actionItem: row.task_key === ACTION_ITEM,
    title: row.title,
    description: row.description,
    role: row.role as Task['role'],
    assigneeId: row.assignee_id,
    status: row.status as Task['status'],
    due:
      row.due_trigger === null
        ? null
        : { from: row.due_trigger as Due['from'], hours: Number(row.due_offset_hours) },
    dueAt: row.due_at,
    checklist: JSON.parse(row.checklist) as Task['checklist'],
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    completedAt: row.completed_at,
    completedBy: row.completed_by,
  };
}
