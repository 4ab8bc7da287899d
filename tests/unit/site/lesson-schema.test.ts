import { describe, expect, it } from 'vitest';
import { lessonSchema, type LessonFrontmatterInput } from '../../../src/schemas/lesson.ts';

const valid: LessonFrontmatterInput = {
  title: 'veth pair 与 docker0',
  chapter: 1,
  section: '1.1',
  order: 1,
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
    const data = lessonSchema.parse({ ...valid, sandbox: { nodes: ['node1', 'node2'], profile: 'swarm' } });
    expect(data.sandbox).toEqual({ nodes: ['node1', 'node2'], profile: 'swarm' });
  });

  it('defaults the nodes when only a profile is given', () => {
    expect(lessonSchema.parse({ ...valid, sandbox: { profile: 'nginx-running' } }).sandbox.nodes).toEqual(['node1']);
  });

  it.each([0, 6, 1.5])('rejects chapter %s', (chapter) => {
    expect(lessonSchema.safeParse({ ...valid, chapter }).success).toBe(false);
  });

  it.each(['1', '1.0', 'one.two', '1.2.3', ''])('rejects section "%s"', (section) => {
    expect(lessonSchema.safeParse({ ...valid, section }).success).toBe(false);
  });

  it('rejects a section from another chapter', () => {
    const result = lessonSchema.safeParse({ ...valid, chapter: 2, section: '1.1' });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['section']);
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
