import { type Generation } from '../client.js';

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** A generation's match report and fact check as Markdown: the score, its formula and every term explained. */
export function matchReportMarkdown(generation: Generation): string {
  const match = generation.match;
  const target = [generation.input.job.title, generation.input.job.company].filter(Boolean).join(' at ');
  const lines = [`# Match report${target ? ` — ${target}` : ''}`, ''];
  if (!match) return [...lines, 'No match report (the generation did not get that far).', ''].join('\n');
  const sub = match.subScores;
  lines.push(
    `**Score: ${match.score}/100** — must-have ${sub.mustHave}, nice-to-have ${sub.niceToHave}, ` +
      `seniority ${sub.seniority}, recency ${sub.recency}`,
    '',
    `Formula: \`${match.formula}\``,
    '',
    `Seniority: ${match.seniority.explanation}`,
    '',
    `Terms: ${match.counts.matched} matched, ${match.counts.partial} partial, ${match.counts.missing} missing.`,
    '',
    '| Term | Importance | Status | Why |',
    '|---|---|---|---|',
    ...match.terms.map(
      (term) =>
        `| ${cell(term.canonical)} | ${term.importance} | ${term.status} | ${cell(term.explanation)} |`,
    ),
    '',
  );
  const check = generation.factCheck;
  if (check) {
    lines.push(
      `## Fact check: ${check.verdict}`,
      '',
      `${check.stats.removed} of ${check.stats.units} claims removed as untraceable to the evidence.`,
      '',
    );
    for (const finding of check.findings)
      lines.push(
        `- ${finding.action} ${finding.kind} “${cell(finding.value)}” at ${finding.path}: ${finding.reason}`,
      );
    if (check.findings.length) lines.push('');
  }
  if (generation.degraded && generation.degradedReason)
    lines.push(`Degraded: ${generation.degradedReason.reason} (the offline draft was used).`, '');
  return lines.join('\n');
}
