/** The shipped (or given) taxonomy data is inconsistent. Thrown once, at load, naming the bad entry. */
export class SkillTaxonomyError extends Error {
  constructor(
    /** Where the problem is, e.g. 'taxonomy/backend.json#express' or 'disambiguation.json rules[3]'. */
    readonly entry: string,
    problem: string,
  ) {
    super(`Invalid skills taxonomy at ${entry}: ${problem}`);
    this.name = 'SkillTaxonomyError';
  }
}
