import {
  programInput,
  type Program,
  type ProgramInput,
  type SlaClock,
} from '../../contracts/disclosure.js';
import { createSettingsStore } from '../../db/settings.store.js';
import { createBusinessCalendar, type BusinessCalendar } from '../../lib/business-calendar.js';
import { ValidationError } from '../../lib/errors.js';
import { authorize, principalUserId, type CallContext } from '../../lib/principal.js';
import { ADMIN, type DisclosureDeps } from './disclosure.deps.js';
import { clocksOf, type SlaFacts } from './disclosure.sla.js';

const SETTING = 'disclosure.program';

function validTimezone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The disclosure programme: scope, safe harbour, the disclosure window and the SLA targets.
 * Until an admin saves it, the defaults apply (90-day window, 3/10 business days, 7/30/90/180
 * days to fix), so a fresh deployment already has a policy and running clocks.
 */
export function createProgramService(
  deps: Pick<DisclosureDeps, 'db' | 'clock' | 'audit'> & { onChanged?: () => Promise<void> },
) {
  const settings = createSettingsStore(deps.db.kysely);
  let calendarCache: { key: string; calendar: BusinessCalendar } | null = null;

  async function current(): Promise<Program> {
    const row = await settings.get(SETTING);
    return programInput.parse(row ? JSON.parse(row.value) : {});
  }

  return {
    /** Public: the policy page shows all of it. */
    current,

    async update(ctx: CallContext, input: ProgramInput): Promise<Program> {
      authorize(ctx, ADMIN);
      if (!validTimezone(input.timezone))
        throw ValidationError.forField(
          'body.timezone',
          `"${input.timezone}" is not an IANA time zone`,
        );
      const now = deps.clock.now().toISOString();
      await deps.db.kysely.transaction().execute(async (trx) => {
        await settings.put(
          SETTING,
          JSON.stringify(input),
          now,
          principalUserId(ctx.principal),
          trx,
        );
        await deps.audit.record(
          ctx,
          { action: 'disclosure.program.updated', objectType: 'settings', objectId: SETTING },
          trx,
        );
      });
      await deps.onChanged?.();
      return current();
    },

    /** Reports' SLA clocks under the current programme, as of `now`. */
    async clocksAt(now: Date): Promise<(facts: SlaFacts) => SlaClock[]> {
      const program = await current();
      const calendar = this.calendar(program);
      return (facts) => clocksOf(facts, program.sla, calendar, now);
    },

    /** Business days of the programme: its zone, weekends and (optionally) public holidays. */
    calendar(program: Program): BusinessCalendar {
      const key = `${program.timezone}|${program.holidayCountry ?? ''}`;
      if (calendarCache?.key !== key)
        calendarCache = {
          key,
          calendar: createBusinessCalendar({
            id: 'disclosure',
            name: 'Disclosure programme',
            timezone: program.timezone,
            weekend: [6, 7],
            ...(program.holidayCountry
              ? { publicHolidays: { country: program.holidayCountry } }
              : {}),
            extra: [],
            removed: [],
          }),
        };
      return calendarCache.calendar;
    },
  };
}

export type ProgramService = ReturnType<typeof createProgramService>;
