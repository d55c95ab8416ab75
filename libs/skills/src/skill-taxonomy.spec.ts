import * as linguist from 'linguist-languages';
import { describe, expect, it } from 'vitest';

import { SKILL_CATEGORIES, SkillTaxonomy } from './index';

const taxonomy = SkillTaxonomy.shipped();

describe('SkillTaxonomy.shipped', () => {
  it('is loaded once and shared', () => {
    expect(SkillTaxonomy.shipped()).toBe(taxonomy);
  });

  it('holds the curated skills and the Linguist languages, with unique ids and known categories', () => {
    const skills = taxonomy.all();
    const curated = skills.filter((skill) => skill.source === 'taxonomy');
    const languages = skills.filter((skill) => skill.source === 'linguist');
    expect(curated.length).toBeGreaterThanOrEqual(300);
    expect(languages.length).toBeGreaterThanOrEqual(500);
    expect(new Set(skills.map((skill) => skill.id)).size).toBe(skills.length);
    for (const skill of skills) {
      expect(SKILL_CATEGORIES).toContain(skill.category);
      expect(skill.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      for (const id of skill.related) expect(taxonomy.byId(id), `${skill.id} → ${id}`).toBeDefined();
    }
  });

  it('covers every category', () => {
    const used = new Set(taxonomy.all().map((skill) => skill.category));
    expect([...used].sort()).toEqual([...SKILL_CATEGORIES].sort());
  });

  it('names a language by its Linguist name, under a stable slug', () => {
    expect(taxonomy.byId('typescript')).toMatchObject({
      canonical: 'TypeScript',
      category: 'language',
      source: 'linguist',
    });
    expect(taxonomy.byId('cpp')?.canonical).toBe('C++');
    expect(taxonomy.byId('csharp')?.canonical).toBe('C#');
    expect(taxonomy.byId('go')?.canonical).toBe('Go');
    expect(taxonomy.byId('objective-cpp')?.canonical).toBe('Objective-C++');
    expect(taxonomy.byId('visual-basic-net')?.canonical).toBe('Visual Basic .NET');
  });

  it('records related skills (partial evidence)', () => {
    expect(taxonomy.byId('typescript')?.related).toContain('javascript');
    expect(taxonomy.byId('javascript')?.related).toContain('typescript');
    expect(taxonomy.byId('react-native')?.related).toContain('react');
    expect(taxonomy.byId('kotlin')?.related).toContain('java');
    expect(taxonomy.byId('java')?.related).toContain('kotlin');
    expect(taxonomy.byId('postgresql')?.related).toContain('sql');
    expect(taxonomy.byId('nextjs')?.related).toContain('react');
    // A Linguist group is a relation too: Java Server Pages count towards Java.
    expect(taxonomy.byId('java-server-pages')?.related).toContain('java');
  });

  it('returns undefined for an unknown id', () => {
    expect(taxonomy.byId('no-such-skill')).toBeUndefined();
  });
});

describe('SkillTaxonomy.resolve', () => {
  const resolvesTo = (name: string) => taxonomy.resolve(name)?.id;

  it.each([
    ['TypeScript', 'typescript'],
    ['JavaScript', 'javascript'],
    ['C#', 'csharp'],
    ['C++', 'cpp'],
    ['C', 'c'],
    ['Go', 'go'],
    ['R', 'r'],
    ['Shell', 'shell'],
    ['HCL', 'hcl'],
    ['HTML', 'html'],
    ['CSS', 'css'],
    ['SCSS', 'scss'],
    ['TSQL', 'tsql'],
    ['PLpgSQL', 'plpgsql'],
    ['Makefile', 'makefile'],
    ['Objective-C', 'objective-c'],
    ['Emacs Lisp', 'emacs-lisp'],
    // Linguist languages that name a curated skill resolve to it.
    ['Jupyter Notebook', 'jupyter'],
    ['Vue', 'vue'],
    ['Svelte', 'svelte'],
    ['Dockerfile', 'docker'],
    ['Puppet', 'puppet'],
    ['Terraform Template', 'terraform'],
  ])('a GitHub language %j → %s', (name, id) => {
    expect(resolvesTo(name)).toBe(id);
  });

  it.each([
    ['react-native', 'react-native'],
    ['nodejs', 'nodejs'],
    ['node', 'nodejs'],
    ['machine-learning', 'machine-learning'],
    ['deep-learning', 'deep-learning'],
    ['postgres', 'postgresql'],
    ['golang', 'go'],
    ['cpp', 'cpp'],
    ['csharp', 'csharp'],
    ['dotnet', 'dotnet'],
    ['spring-boot', 'spring-boot'],
    ['aws-lambda', 'aws-lambda'],
    ['kubernetes', 'kubernetes'],
    ['django', 'django'],
    ['terraform', 'terraform'],
    ['vuejs', 'vue'],
    ['reactjs', 'react'],
    ['nextjs', 'nextjs'],
  ])('a GitHub topic %j → %s', (name, id) => {
    expect(resolvesTo(name)).toBe(id);
  });

  it.each([
    ['Node.js', 'nodejs'],
    ['Amazon Web Services (AWS)', 'aws'],
    ['Google Cloud Platform (GCP)', 'gcp'],
    ['Spring Boot', 'spring-boot'],
    ['Spring Framework', 'spring'],
    ['Microsoft SQL Server', 'sql-server'],
    ['Microsoft Azure', 'azure'],
    ['.NET', 'dotnet'],
    ['ASP.NET Core', 'aspnet'],
    ['React.js', 'react'],
    ['Ruby on Rails', 'rails'],
    ['Object-Oriented Programming (OOP)', 'oop'],
    ['Test Driven Development', 'tdd'],
    ['Problem Solving', 'problem-solving'],
    ['Python (Programming Language)', 'python'],
  ])('a LinkedIn skill %j → %s', (name, id) => {
    expect(resolvesTo(name)).toBe(id);
  });

  it.each([
    ['Postgres', 'postgresql'],
    ['k8s', 'kubernetes'],
    ['K8S', 'kubernetes'],
    ['NodeJS', 'nodejs'],
    ['node js', 'nodejs'],
    ['Python 3', 'python'],
    ['HTML5', 'html'],
    ['Angular 2+', 'angular'],
    ['scikit_learn', 'scikit-learn'],
    ['sklearn', 'scikit-learn'],
    ['  typescript  ', 'typescript'],
  ])('a JSON Resume keyword %j → %s', (name, id) => {
    expect(resolvesTo(name)).toBe(id);
  });

  it('keeps C, C++ and C# apart, and Java apart from JavaScript', () => {
    expect(new Set(['C', 'C++', 'C#'].map(resolvesTo)).size).toBe(3);
    expect(resolvesTo('Java')).toBe('java');
    expect(resolvesTo('Java Script')).toBe('javascript');
  });

  it('accepts every Linguist programming language by name (the languages GitHub reports)', () => {
    const programming = Object.values(linguist).filter((language) => language.type === 'programming');
    expect(programming.length).toBeGreaterThan(500);
    for (const language of programming) expect(taxonomy.resolve(language.name), language.name).toBeDefined();
  });

  it.each(['hacktoberfest', 'awesome-list', '', '   ', 'Underwater basket weaving'])(
    'returns undefined for %j',
    (name) => {
      expect(taxonomy.resolve(name)).toBeUndefined();
    },
  );
});
