import { Button, Grid, Group, Stack, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useRef, useState, type FormEvent } from 'react';
import { useSaveNoticeTemplate, type NoticeTemplate } from '../../../../api/breach-templates.js';
import { FormError } from '../../../../components/FormError.js';
import { copyText } from '../../../../lib/clipboard.js';
import { MissingContentAlert } from './MissingContentAlert.js';
import {
  draftOf,
  emptySection,
  inputOf,
  insertAt,
  noErrors,
  saveErrorsOf,
  type ContentElement,
  type DraftSection,
  type NoticeDraft,
  type SaveErrors,
  type SectionField,
} from './noticeDraft.js';
import { NoticeSectionCard } from './NoticeSectionCard.js';
import { NoticeVariablesList } from './NoticeVariablesList.js';
import { RequiredContentChecklist } from './RequiredContentChecklist.js';

/**
 * The template being edited: subject and ordered sections beside the live checklist of the
 * rule's required content and the variables. Mounted afresh for each loaded version (the
 * parent keys it), so a save or a locale change starts from what the server holds.
 */
export function NoticeTemplateForm({
  template,
  content,
  editable,
  onSaved,
}: {
  template: NoticeTemplate;
  content: readonly ContentElement[];
  editable: boolean;
  onSaved: (saved: NoticeTemplate) => void;
}) {
  const [draft, setDraft] = useState<NoticeDraft>(() => draftOf(template));
  const [errors, setErrors] = useState<SaveErrors>(noErrors);
  const save = useSaveNoticeTemplate(template.ruleId);
  // The bodies by section id, and the one last focused, for inserting a variable at its caret.
  const bodies = useRef(new Map<string, HTMLTextAreaElement>());
  const lastBody = useRef<string | null>(null);

  const setSections = (update: (sections: DraftSection[]) => DraftSection[]) =>
    setDraft((current) => ({ ...current, sections: update(current.sections) }));

  function changeSection(id: string, patch: Partial<Omit<DraftSection, 'id'>>) {
    setSections((sections) => sections.map((s) => (s.id === id ? { ...s, ...patch } : s)));
    // An edited field's error no longer describes it.
    setErrors((current) => {
      const stale = current.sections[id];
      if (!stale) return current;
      const kept = { ...stale };
      for (const name of Object.keys(patch) as SectionField[]) delete kept[name];
      return { ...current, sections: { ...current.sections, [id]: kept } };
    });
  }

  function moveSection(index: number, by: -1 | 1) {
    setSections((sections) => {
      const next = [...sections];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });
  }

  function insertVariable(placeholder: string) {
    const id = lastBody.current;
    const element = id ? bodies.current.get(id) : undefined;
    const section = draft.sections.find((s) => s.id === id);
    if (!id || !element || !section) {
      void copyText(placeholder).then((ok) =>
        notifications.show({
          color: ok ? 'teal' : 'red',
          message: ok
            ? `Copied ${placeholder}: no section body was focused to insert it into.`
            : `Could not copy ${placeholder}: select and copy it by hand.`,
        }),
      );
      return;
    }
    const start = element.selectionStart;
    changeSection(id, {
      body: insertAt(section.body, placeholder, start, element.selectionEnd),
    });
    // After React has rendered the new value, put the caret after what was inserted.
    window.requestAnimationFrame(() => {
      element.focus();
      element.setSelectionRange(start + placeholder.length, start + placeholder.length);
    });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const sections = draft.sections;
    // mutateAsync, not mutate's callbacks: a save loads the new version, which remounts this
    // form, and TanStack Query drops the callbacks of a mutation whose component is gone.
    void save
      .mutateAsync(inputOf(template.locale, draft))
      .then(onSaved, (error: unknown) => setErrors(saveErrorsOf(error, sections)));
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Notice template">
      {/* A viewer may read the template; a disabled fieldset makes every control read-only. */}
      <fieldset disabled={!editable} style={{ border: 0, padding: 0, margin: 0, minWidth: 0 }}>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 8 }}>
            <Stack gap="sm">
              <FormError message={errors.message} title="The template was not saved" />
              <TextInput
                label="Subject"
                description="The email subject; it may hold the notice's title"
                required
                maxLength={300}
                value={draft.subject}
                onChange={(event) => {
                  const subject = event.currentTarget.value;
                  setDraft((current) => ({ ...current, subject }));
                  setErrors((current) => ({ ...current, subject: undefined }));
                }}
                error={errors.subject}
              />
              <Title order={3} size="h6" id="notice-sections-heading">
                Sections
              </Title>
              <MissingContentAlert missing={errors.missing} />
              <Stack
                component="ol"
                gap="sm"
                p={0}
                m={0}
                style={{ listStyle: 'none' }}
                aria-labelledby="notice-sections-heading"
                data-testid="notice-sections"
              >
                {draft.sections.map((section, index) => (
                  <NoticeSectionCard
                    key={section.id}
                    index={index}
                    count={draft.sections.length}
                    section={section}
                    content={content}
                    errors={errors.sections[section.id]}
                    onChange={(patch) => changeSection(section.id, patch)}
                    onMove={(by) => moveSection(index, by)}
                    onRemove={() => setSections((all) => all.filter((s) => s.id !== section.id))}
                    bodyRef={(element) => {
                      if (element) bodies.current.set(section.id, element);
                      else bodies.current.delete(section.id);
                    }}
                    onBodyFocus={() => (lastBody.current = section.id)}
                  />
                ))}
              </Stack>
              <Group justify="space-between">
                <Button
                  variant="subtle"
                  size="xs"
                  leftSection={<IconPlus size={14} aria-hidden />}
                  onClick={() => setSections((all) => [...all, emptySection()])}
                  disabled={draft.sections.length >= 40}
                >
                  Add section
                </Button>
                {editable && (
                  <Button type="submit" loading={save.isPending}>
                    Save new version
                  </Button>
                )}
              </Group>
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Stack gap="lg">
              <RequiredContentChecklist content={content} draft={draft} />
              <NoticeVariablesList onInsert={insertVariable} disabled={!editable} />
            </Stack>
          </Grid.Col>
        </Grid>
      </fieldset>
    </form>
  );
}
