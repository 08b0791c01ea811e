import type { Obligation } from '../../../../api/breach.js';
import type { NoticeTemplate, NoticeTemplateInput } from '../../../../api/breach-templates.js';
import { ApiError } from '../../../../api/client.js';
import { contentMet } from '@contracts/breach-notices.js';

export type ContentElement = Obligation['content'][number];

/** A section as edited: `id` only keeps React's keys and the field errors with it as it moves. */
export interface DraftSection {
  id: string;
  covers: string | null;
  heading: string;
  body: string;
}

export interface NoticeDraft {
  subject: string;
  sections: DraftSection[];
}

let nextId = 0;
export const newSectionId = () => `section-${++nextId}`;

export const emptySection = (): DraftSection => ({
  id: newSectionId(),
  covers: null,
  heading: '',
  body: '',
});

export function draftOf(template: NoticeTemplate): NoticeDraft {
  return {
    subject: template.subject,
    sections: template.sections.map((section) => ({ id: newSectionId(), ...section })),
  };
}

export function inputOf(locale: string, draft: NoticeDraft): NoticeTemplateInput {
  return {
    locale,
    subject: draft.subject,
    sections: draft.sections.map(({ covers, heading, body }) => ({ covers, heading, body })),
  };
}

/** Whether the draft provides an element, by the very test a save is refused on. */
export function isMet(element: ContentElement, draft: NoticeDraft): boolean {
  return contentMet(element, draft.subject, draft.sections);
}

/** The field a section's issue belongs to. */
export type SectionField = 'heading' | 'covers' | 'body';
export type SectionErrors = Partial<Record<SectionField, string>>;

export interface SaveErrors {
  /** The server's message, unless the missing-content alert already says all of it. */
  message: string | null;
  subject?: string;
  /** Missing required content: the issues named `sections`. */
  missing: string[];
  /** By section id, so an error stays with its section when the sections move. */
  sections: Record<string, SectionErrors>;
}

export const noErrors: SaveErrors = { message: null, missing: [], sections: {} };

/** A refused save as messages at their fields (`sections.2.body` goes to the third body). */
export function saveErrorsOf(error: unknown, sections: readonly DraftSection[]): SaveErrors {
  if (!(error instanceof ApiError))
    return { ...noErrors, message: 'Something unexpected went wrong. Please try again.' };
  const found: SaveErrors = { message: error.message, missing: [], sections: {} };
  for (const issue of error.issues) {
    const path = issue.field.replace(/^body\./, '').split('.');
    if (path[0] === 'subject') found.subject = issue.message;
    else if (path[0] === 'sections' && path.length === 1) found.missing.push(issue.message);
    else if (path[0] === 'sections') {
      const section = sections[Number(path[1])];
      const name = path[2] as SectionField;
      if (section && (name === 'heading' || name === 'covers' || name === 'body'))
        found.sections[section.id] = { ...found.sections[section.id], [name]: issue.message };
    }
  }
  if (found.missing.length > 0 && found.missing.length === error.issues.length)
    found.message = null;
  return found;
}

/** `value` with `text` put in place of the selection from `start` to `end`. */
export function insertAt(value: string, text: string, start: number, end: number): string {
  return value.slice(0, start) + text + value.slice(end);
}
