import { templateDefinition, type TemplateDefinition } from '../../contracts/questionnaires.js';
import type { RiskTier } from '../../contracts/vendors.js';
import { LIBRARY } from './assessments.library.questions.js';

export interface BuiltInTemplate {
  key: string;
  level: 'lite' | 'full';
  definition: TemplateDefinition;
}

function build(level: 'lite' | 'full', name: string, description: string): BuiltInTemplate {
  const sections = LIBRARY.map((section) => ({
    key: section.key,
    title: section.title,
    description: section.description,
    questions: section.questions
      .filter((question) => level === 'full' || question.lite)
      .map(({ lite: _lite, ...question }) => question),
  })).filter((section) => section.questions.length > 0);
  // Parsed like any imported template, so the library obeys the same rules as user templates.
  return {
    key: `cordon_${level}`,
    level,
    definition: templateDefinition.parse({ name, description, sections }),
  };
}

export const BUILT_IN_TEMPLATES: readonly BuiltInTemplate[] = [
  build(
    'lite',
    'Vendor security review (lite)',
    'The essentials, for vendors in the low and medium tiers: about 30 questions.',
  ),
  build(
    'full',
    'Vendor security review (full)',
    'Every topic in depth, for vendors in the high and critical tiers.',
  ),
];

/** The template a vendor of this tier should get: deep review where a breach would hurt most. */
export function suggestedLevel(tier: RiskTier): 'lite' | 'full' {
  return tier === 'critical' || tier === 'high' ? 'full' : 'lite';
}
