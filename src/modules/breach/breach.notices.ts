import Handlebars from 'handlebars';
import {
  contentMet,
  NOTICE_VARIABLES,
  type NoticeTemplate,
} from '../../contracts/breach-notices.js';
import type { Obligation } from '../../contracts/breach.js';
import type { Incident } from '../../contracts/incidents.js';
import type { Config } from '../../lib/config.js';
import { triggerTime } from './breach.triggers.js';

type Section = NoticeTemplate['sections'][number];
type ContentElement = Obligation['content'][number];
export type NoticeContext = Record<string, Record<string, string | number | null>>;

/**
 * Templates are compiled strictly: only the built-in block helpers (if, unless, each, with)
 * and only the variables in NOTICE_VARIABLES, so a typo fails when the template is saved
 * rather than in the 400,000th letter. Compilation also runs on every render, since a
 * compiled function is cheap next to the mail it feeds.
 */
const OPTIONS = { strict: true, knownHelpersOnly: true } as const;

/** Every template problem, each naming its field (`sections.2.body`), or none. */
export function templateProblems(subject: string, sections: readonly Section[]) {
  const problems: { field: string; message: string }[] = [];
  const check = (field: string, source: string) => {
    try {
      const unknown = pathsOf(Handlebars.parse(source)).filter((path) => !ALLOWED.has(path));
      if (unknown.length)
        problems.push({
          field,
          message: `unknown variable ${unknown.map((u) => `"${u}"`).join(', ')}; use one of ${NOTICE_VARIABLES.join(', ')}`,
        });
      else Handlebars.compile(source, OPTIONS)(sampleContext());
    } catch (error) {
      problems.push({ field, message: explain(error) });
    }
  };
  check('subject', subject);
  sections.forEach((section, i) => {
    check(`sections.${i}.heading`, section.heading);
    check(`sections.${i}.body`, section.body);
  });
  return problems;
}

const BLOCK_HELPERS = new Set(['if', 'unless', 'each', 'with']);
const ALLOWED = new Set<string>([...NOTICE_VARIABLES, 'this', ...BLOCK_HELPERS]);

/** The variable paths a template names (helper names included), from its syntax tree. */
function pathsOf(program: hbs.AST.Program): string[] {
  const paths: string[] = [];
  class Paths extends Handlebars.Visitor {
    override PathExpression(path: hbs.AST.PathExpression) {
      if (!path.data) paths.push(path.original);
    }
  }
  new Paths().accept(program);
  return [...new Set(paths)];
}

/**
 * What the notice must say and does not (see `contentMet`). `late` adds the elements owed only
 * by a late notice.
 */
export function missingContent(
  subject: string,
  sections: readonly Section[],
  content: readonly ContentElement[],
  late: boolean,
): ContentElement[] {
  return content.filter(
    (element) => (element.when !== 'late' || late) && !contentMet(element, subject, sections),
  );
}

/** The starting draft before anyone wrote one: a section per element, nothing said yet. */
export function draftSections(content: readonly ContentElement[]): Section[] {
  return content
    .filter((element) => element.id !== 'title')
    .map((element) => ({
      covers: element.id,
      heading: element.heading ? element.label : '',
      body: '',
    }));
}

/**
 * The notice as the recipient reads it: a subject, plain text, and HTML made from the same
 * text with everything escaped. A template is text, not markup, so nobody editing one can put
 * a link or a script into a letter; blank lines make paragraphs.
 */
export function renderNotice(
  subject: string,
  sections: readonly Section[],
  context: NoticeContext,
) {
  return compileNotice(subject, sections)(context);
}

/** A template compiled once, for a campaign's many letters (compiling costs more than rendering). */
export function compileNotice(subject: string, sections: readonly Section[]) {
  const compile = (source: string) => Handlebars.compile(source, { ...OPTIONS, noEscape: true });
  const title = compile(subject);
  const parts = sections.map((section) => ({
    covers: section.covers,
    heading: compile(section.heading),
    body: compile(section.body),
  }));
  return (context: NoticeContext) => {
    // A subject is one header line whatever a variable holds.
    const subjectLine = title(context)
      .trim()
      .replace(/\s*[\r\n]+\s*/g, ' ');
    const rendered = parts.map((part) => ({
      covers: part.covers,
      heading: part.heading(context).trim(),
      body: part.body(context).trim(),
    }));
    return {
      subject: subjectLine,
      sections: rendered,
      text: `${rendered.map((s) => (s.heading ? `${s.heading}\n\n${s.body}` : s.body)).join('\n\n')}\n`,
      html: [
        '<!doctype html><html><head><meta charset="utf-8"></head>',
        '<body style="font-family: sans-serif; font-size: 15px; line-height: 1.5; max-width: 40em">',
        `<h1 style="font-size: 20px">${escape(subjectLine)}</h1>`,
        ...rendered.map(
          (s) =>
            `${s.heading ? `<h2 style="font-size: 17px">${escape(s.heading)}</h2>` : ''}${paragraphs(s.body)}`,
        ),
        '</body></html>',
      ].join('\n'),
    };
  };
}

/** What every letter of one obligation shares: the shop, the incident, the duty. */
export function noticeContext(input: {
  config: Pick<Config, 'shopName' | 'publicUrl' | 'shopContactEmail' | 'mailFrom'> &
    Partial<Pick<Config, 'supportHelpline'>>;
  incident: Incident;
  obligation: Obligation;
  today: string;
  /** The template's language: dates are written the way its readers write them. */
  locale: string;
}): Omit<NoticeContext, 'recipient'> {
  const { config, incident, obligation } = input;
  const format = new Intl.DateTimeFormat(input.locale, { dateStyle: 'long', timeZone: 'UTC' });
  const date = (iso: string | null) => (iso === null ? null : format.format(new Date(iso)));
  const at = (name: string) => date(triggerTime(incident, name));
  return {
    shop: {
      name: config.shopName,
      url: config.publicUrl,
      contactEmail: config.shopContactEmail ?? config.mailFrom,
    },
    incident: {
      title: incident.title,
      detectedAt: at('detected'),
      awareAt: at('aware'),
      exposureFrom: at('exposure_from'),
      exposureTo: at('exposure_to'),
    },
    obligation: {
      duty: obligation.duty,
      jurisdiction: obligation.jurisdiction.name,
      recipient: obligation.recipientName ?? obligation.recipient,
      due: date(obligation.due),
      affected: obligation.affected,
    },
    support: { helpline: config.supportHelpline ?? null, creditMonitoringCode: null },
    notice: { date: date(input.today) },
  };
}

/** Text as HTML paragraphs (blank lines apart), everything escaped. */
export function paragraphs(text: string): string {
  return text
    .split(/\n{2,}/)
    .filter((part) => part.trim() !== '')
    .map((part) => `<p>${escape(part).replaceAll('\n', '<br>')}</p>`)
    .join('');
}

const escape = (text: string) => Handlebars.Utils.escapeExpression(text);

/** Every allowed variable with a sample value, for checking templates when they are saved. */
export function sampleContext(): NoticeContext {
  const context: NoticeContext = {};
  for (const variable of NOTICE_VARIABLES) {
    const [group, name] = variable.split('.') as [string, string];
    context[group] = { ...context[group], [name]: `[${variable}]` };
  }
  return context;
}

function explain(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message
    .split('\n')
    .filter((line) => line.trim() !== '')
    .join(' ');
}
