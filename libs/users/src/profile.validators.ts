import { ValidateBy, type ValidationOptions } from 'class-validator';

/**
 * GitHub's username rules: 1-39 characters, letters, digits and hyphens, no leading or trailing hyphen,
 * no two hyphens in a row.
 */
export const GITHUB_USERNAME = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;

export const IsGithubUsername = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isGithubUsername',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && GITHUB_USERNAME.test(value),
        defaultMessage: () =>
          '$property must be a GitHub username: 1-39 letters, digits or single inner hyphens',
      },
    },
    options,
  );

/**
 * A LinkedIn profile URL: `linkedin.com/in/<slug>`, with or without a scheme, `www.` or a two-letter
 * country subdomain, and an optional trailing slash. Anything else (company pages, posts, query strings,
 * other hosts) is not a profile URL.
 */
const LINKEDIN_PROFILE =
  /^(?:https?:\/\/)?(?:(?:www|[a-z]{2})\.)?linkedin\.com\/in\/([A-Za-z0-9_%-]{3,100})\/?$/i;

/** `https://www.linkedin.com/in/<slug>` (slug lower-cased), or undefined when the URL is not a profile URL. */
export function normalizeLinkedInUrl(value: string): string | undefined {
  const slug = LINKEDIN_PROFILE.exec(value.trim())?.[1];
  return slug ? `https://www.linkedin.com/in/${slug.toLowerCase()}` : undefined;
}

export const IsLinkedInProfileUrl = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isLinkedInProfileUrl',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && normalizeLinkedInUrl(value) !== undefined,
        defaultMessage: () =>
          '$property must be a LinkedIn profile URL like https://www.linkedin.com/in/<name>',
      },
    },
    options,
  );
