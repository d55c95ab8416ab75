import { EVIDENCE_KINDS } from '@app/resumes/document';

import { type JsonSchema } from './draft.types';

const string = (description?: string): JsonSchema => ({
  type: 'string',
  ...(description ? { description } : {}),
});
const strings = (description: string): JsonSchema => ({ type: 'array', description, items: string() });
const object = (
  properties: Record<string, JsonSchema>,
  required: string[],
  description?: string,
): JsonSchema => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required,
  additionalProperties: false,
});
const list = (items: JsonSchema, description?: string): JsonSchema => ({
  type: 'array',
  ...(description ? { description } : {}),
  items,
});
const DATE = 'A date copied from the evidence: YYYY, YYYY-MM or YYYY-MM-DD';

/**
 * The JSON schema of a resume document for structured output, in the subset Gemini's `responseSchema` and
 * OpenAI's `json_schema` both accept (type, properties, required, items, enum, description,
 * `additionalProperties: false`; no $ref, no oneOf, no formats). Evidence references are `{ kind, id }` of facts of the evidence given.
 */
export function resumeDraftSchema(): JsonSchema {
  const evidence = list(
    object(
      {
        kind: { type: 'string', enum: [...EVIDENCE_KINDS], description: 'The kind of the cited fact' },
        id: string('The id of a fact from the EVIDENCE block, e.g. github_repo:octocat/hello-world'),
      },
      ['kind', 'id'],
    ),
    'The ids of the facts that support this item (at least one, at most 10)',
  );
  const bullet = object({ text: string('One line, written only from the cited facts'), evidence }, [
    'text',
    'evidence',
  ]);
  return object(
    {
      basics: object(
        {
          name: string("The candidate's name exactly as in the evidence"),
          label: string('A headline or a title from the evidence'),
          email: string(),
          phone: string(),
          url: string('Personal website from the evidence'),
          location: object(
            { city: string(), region: string(), countryCode: string('ISO 3166-1 alpha-2, e.g. DE') },
            [],
          ),
          profiles: list(object({ network: string(), username: string(), url: string() }, ['network'])),
        },
        ['name'],
      ),
      summary: string('2–4 sentences built only from the evidence; no skill or number the evidence lacks'),
      skills: list(
        object(
          {
            name: string('Group name, e.g. Languages'),
            items: list(object({ name: string('A skill of the evidence'), evidence }, ['name', 'evidence'])),
          },
          ['name', 'items'],
        ),
        'Skill groups, the skills relevant to the job first',
      ),
      experience: list(
        object(
          {
            company: string('Employer exactly as in the evidence'),
            position: string('Title exactly as in the evidence'),
            location: string(),
            startDate: string(DATE),
            endDate: string(`${DATE}; omit for a current position`),
            summary: string(),
            bullets: list(bullet),
          },
          ['company', 'position', 'bullets'],
        ),
        'Positions, most recent first',
      ),
      projects: list(
        object(
          {
            name: string('Project or repository name exactly as in the evidence'),
            description: string(),
            url: string(),
            startDate: string(DATE),
            endDate: string(DATE),
            keywords: strings('Skills of the evidence the project shows'),
            bullets: list(bullet),
            evidence,
          },
          ['name', 'bullets', 'evidence'],
        ),
      ),
      education: list(
        object(
          {
            institution: string(),
            area: string(),
            studyType: string(),
            startDate: string(DATE),
            endDate: string(DATE),
            evidence,
          },
          ['institution'],
        ),
      ),
      certifications: list(
        object({ name: string(), issuer: string(), date: string(DATE), url: string(), evidence }, ['name']),
      ),
      languages: list(object({ language: string(), fluency: string() }, ['language'])),
    },
    ['basics', 'summary', 'skills', 'experience', 'projects', 'education', 'certifications', 'languages'],
    'A resume document written only from the evidence given',
  );
}
