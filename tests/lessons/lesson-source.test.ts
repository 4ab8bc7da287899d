import { describe, expect, it } from 'vitest';
import { parseLesson } from './lesson-source.ts';

const FRONTMATTER = `---
title: T
summary: S
draft: false
sandbox:
  nodes: [node1]
minutes: 5
exercises:
  - id: one
    checks:
      - run: 'true'
        hint: h
    solution: ['true']
---
`;

describe('reading a lesson for the lesson tests', () => {
  it('finds commands in order with their props, and which exercise holds them', () => {
    const lesson = parseLesson(
      `${FRONTMATTER}
Text <Command cmd="docker inspect -f '{{.Name}}' web" />

<Command cmd='ping -c 1 box2' node="node2" expectError />

<Exercise id="one">
Do it. <Command cmd="echo a &amp;&amp; echo b > /tmp/x" expectError={false} />
</Exercise>
`,
      'en',
      'src/content/lessons/en/1-1-x.mdx',
    );
    expect(lesson.slug).toBe('1-1-x');
    expect(lesson.exerciseTags).toEqual(['one']);
    expect(lesson.commands.map(({ cmd, node, expectError, exercise }) => ({ cmd, node, expectError, exercise }))).toEqual([
      { cmd: "docker inspect -f '{{.Name}}' web", node: undefined, expectError: false, exercise: undefined },
      { cmd: 'ping -c 1 box2', node: 'node2', expectError: true, exercise: undefined },
      { cmd: 'echo a && echo b > /tmp/x', node: undefined, expectError: false, exercise: 'one' },
    ]);
    expect(lesson.commands[0]?.line).toBe(16);
  });

  it('ignores components shown as code', () => {
    const lesson = parseLesson(`${FRONTMATTER}\nUse \`<Command cmd="x" />\`.\n\n\`\`\`mdx\n<Command cmd="y" />\n\`\`\`\n`, 'en', 'a/en/1-1-x.mdx');
    expect(lesson.commands).toEqual([]);
  });

  it('reports invalid frontmatter with the file and the field', () => {
    expect(() => parseLesson(FRONTMATTER.replace('minutes: 5', 'minutes: 0'), 'en', 'a/en/1-1-x.mdx')).toThrow(/1-1-x\.mdx: invalid frontmatter\n {2}minutes/);
  });
});
