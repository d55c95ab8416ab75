import { describe, expect, it } from 'vitest';

import { findNiceCues, isNegated } from './importance-cues';

/** Runs the cue finder on one sentence whose skills are the given words; returns the cue per covered word. */
function cuesFor(sentence: string, words: string[]): Record<string, string> {
  const mentions = words.map((word) => {
    const start = sentence.indexOf(word);
    if (start === -1) throw new Error(`${word} not in ${sentence}`);
    return { start, end: start + word.length };
  });
  const covered = findNiceCues(sentence, { text: sentence, start: 0, end: sentence.length }, mentions);
  return Object.fromEntries([...covered].map(([index, cue]) => [words[index], cue]));
}

describe('findNiceCues', () => {
  it.each([
    ['Kafka is a plus', ['Kafka'], { Kafka: 'is a plus' }],
    ['Experience with Go; Kafka is a plus', ['Go', 'Kafka'], { Kafka: 'is a plus' }],
    ['Ideally Terraform and Helm', ['Terraform', 'Helm'], { Terraform: 'Ideally', Helm: 'Ideally' }],
    ['Bonus if you know Rust', ['Rust'], { Rust: 'Bonus if' }],
    ['Familiarity with MLflow would be nice', ['MLflow'], { MLflow: 'would be nice' }],
    ['Django preferred', ['Django'], { Django: 'preferred' }],
    ['Preferred: Django', ['Django'], { Django: 'Preferred:' }],
    ['Experience with streaming systems, preferably Kafka', ['streaming', 'Kafka'], { Kafka: 'preferably' }],
    ['Python (Django a plus)', ['Python', 'Django'], { Django: 'a plus' }],
    ['Kubernetes (nice to have)', ['Kubernetes'], { Kubernetes: 'nice to have' }],
    [
      'Experience with vector databases (we use pgvector, but Weaviate experience transfers) is a plus',
      ['vector databases', 'pgvector', 'Weaviate'],
      { 'vector databases': 'is a plus', pgvector: 'is a plus', Weaviate: 'is a plus' },
    ],
    ['Strong Python is required, Redis a plus', ['Python', 'Redis'], { Redis: 'a plus' }],
    ['Fluent English; German is a plus', ['English', 'German'], { German: 'is a plus' }],
    [
      'LiveView would be nice, and if you have written some JavaScript, even better',
      ['LiveView', 'JavaScript'],
      { LiveView: 'would be nice', JavaScript: 'even better' },
    ],
    ['AWS experience is an advantage', ['AWS'], { AWS: 'is an advantage' }],
  ])('%j', (sentence, words, expected) => {
    expect(cuesFor(sentence, words)).toEqual(expected);
  });

  it('finds nothing in a plain requirement', () => {
    expect(cuesFor('5+ years of Go and PostgreSQL', ['Go', 'PostgreSQL'])).toEqual({});
  });
});

describe('isNegated', () => {
  const negated = (text: string, word: string) => {
    const start = text.indexOf(word);
    return isNegated(text, { start, end: start + word.length });
  };

  it('sees negations before and after a mention', () => {
    expect(negated('this is a Java role, not a JavaScript role', 'JavaScript')).toBe(true);
    expect(negated('this is a Java role, not a JavaScript role', 'Java ')).toBe(false);
    expect(negated('You do not need experience with Kotlin', 'Kotlin')).toBe(true);
    expect(negated('Objective-C knowledge is not needed.', 'Objective-C')).toBe(true);
    expect(negated('Kubernetes is not required, but a plus', 'Kubernetes')).toBe(false);
    expect(negated('Experience with Go is required', 'Go')).toBe(false);
  });
});
