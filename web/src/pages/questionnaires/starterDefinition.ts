import type { TemplateDefinition } from '@contracts/questionnaires.js';

/** What a new questionnaire starts with: the contract needs one section holding one question. */
export function starterDefinition(name: string): TemplateDefinition {
  return {
    name,
    description: '',
    sections: [
      {
        key: 'general',
        title: 'General',
        description: '',
        questions: [
          {
            key: 'question_1',
            text: 'Does your organisation have a written information security policy?',
            help: '',
            type: 'yes_no_na',
            options: [],
            required: true,
            weight: 1,
            expected: null,
            finding: null,
            showIf: null,
          },
        ],
      },
    ],
  };
}
