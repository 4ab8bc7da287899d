import { describe, expect, it } from 'vitest';
import { lessonSchema, type LessonFrontmatterInput } from '../../../src/schemas/lesson.ts';

const valid: LessonFrontmatterInput = {
  title: 'veth pair 与 docker0',
  summary: 'Look at a container’s network from both sides.',
  minutes: 15,
};

describe('lesson frontmatter schema', () => {
  it('accepts a minimal lesson and fills the defaults', () => {
    const data = lessonSchema.parse(valid);
    expect(data.sandbox).toEqual({ nodes: ['node1'] });
    expect(data.draft).toBe(false);
  });

  it('keeps an explicit sandbox with several nodes and a profile', () => {
    const data = lessonSchema.parse({ ...valid, sandbox: { nodes: ['node1', 'node2'], profile: 'two-nodes' } });
    expect(data.sandbox).toEqual({ nodes: ['node1', 'node2'], profile: 'two-nodes' });
  });

  it('refuses a profile no driver knows, at build time rather than when the terminal opens', () => {
    const result = lessonSchema.safeParse({ ...valid, sandbox: { profile: 'swarm' } });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toMatch(/not a built-in host profile \(known: default, two-nodes\)/);
  });

  it('defaults the nodes when only a profile is given', () => {
    expect(lessonSchema.parse({ ...valid, sandbox: { profile: 'default' } }).sandbox.nodes).toEqual(['node1']);
  });

  it.each([
    ['chapter', 1],
    ['section', '1.1'],
    ['order', 1],
  ])('rejects %s in the frontmatter: the position comes from the file name', (key, value) => {
    const result = lessonSchema.safeParse({ ...valid, [key]: value });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual([key]);
    expect(result.error?.issues[0]?.message).toMatch(/file name/);
  });

  it.each([
    ['missing title', { title: undefined }],
    ['empty summary', { summary: '' }],
    ['zero minutes', { minutes: 0 }],
    ['minutes as text', { minutes: '15' }],
    ['empty node list', { sandbox: { nodes: [] } }],
    ['node name with capitals', { sandbox: { nodes: ['Node1'] } }],
    ['duplicate nodes', { sandbox: { nodes: ['node1', 'node1'] } }],
    ['draft as text', { draft: 'yes' }],
  ])('rejects %s', (_name, patch) => {
    expect(lessonSchema.safeParse({ ...valid, ...patch }).success).toBe(false);
  });
});

describe('lesson exercises', () => {
  const exercise = {
    id: 'ping-by-name',
    checks: [{ run: "docker network inspect bridge2 --format '{{range .Containers}}{{.Name}} {{end}}'", match: 'box1', hint: 'box1 is not on bridge2.' }],
    solution: ['docker network create bridge2', 'docker run -dit --name box1 --network bridge2 busybox'],
  };

  it('defaults to no exercises', () => {
    expect(lessonSchema.parse(valid).exercises).toEqual([]);
  });

  it('accepts an exercise and defaults the expected exit status to 0', () => {
    const data = lessonSchema.parse({ ...valid, exercises: [exercise] });
    expect(data.exercises[0]?.checks[0]?.exit).toBe(0);
    expect(data.exercises[0]?.node).toBeUndefined();
  });

  it('accepts notMatch, an exit status and a node of the sandbox', () => {
    const data = lessonSchema.parse({
      ...valid,
      sandbox: { nodes: ['node1', 'node2'] },
      exercises: [{ ...exercise, node: 'node2', checks: [{ run: 'ping -c 1 box2', exit: 1, notMatch: '^64 bytes', hint: 'h' }] }],
    });
    expect(data.exercises[0]?.checks[0]).toMatchObject({ exit: 1, notMatch: '^64 bytes' });
  });

  it.each([
    ['an id that is not kebab-case', { id: 'Ping_By_Name' }],
    ['no checks', { checks: [] }],
    ['no solution', { solution: [] }],
    ['an empty solution line', { solution: [' '] }],
    ['a check without a hint', { checks: [{ run: 'true' }] }],
    ['a check with an empty command', { checks: [{ run: '', hint: 'h' }] }],
    ['a pattern that does not compile', { checks: [{ run: 'true', match: '(unclosed', hint: 'h' }] }],
    ['a notMatch that does not compile', { checks: [{ run: 'true', notMatch: '[', hint: 'h' }] }],
    ['an exit status out of range', { checks: [{ run: 'true', exit: 256, hint: 'h' }] }],
    ['a misspelt key', { checks: [{ run: 'true', matches: 'x', hint: 'h' }] }],
    ['a node outside the sandbox', { node: 'node2' }],
  ])('rejects %s', (_name, patch) => {
    expect(lessonSchema.safeParse({ ...valid, exercises: [{ ...exercise, ...patch }] }).success).toBe(false);
  });

  it('rejects two exercises with one id, pointing at the second', () => {
    const result = lessonSchema.safeParse({ ...valid, exercises: [exercise, exercise] });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['exercises', 1, 'id']);
  });
});
