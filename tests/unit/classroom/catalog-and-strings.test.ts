import { describe, expect, it } from 'vitest';
import { exerciseIdsInBody } from '../../../src/classroom/catalog.ts';
import { classroomKeys, classroomStrings } from '../../../src/components/classroom/strings.ts';
import { testCatalog } from './support/catalog.ts';
import { assignedLessons } from '../../../src/classroom/assignments.ts';

describe('catalog', () => {
  it('finds the exercise ids of a lesson body, once each, in order', () => {
    const body = `Intro\n<Exercise id="ex-create" title="x">..</Exercise>\n<Exercise title='y' id='ex-ping' />\n<Exercise id="ex-create" />`;
    expect(exerciseIdsInBody(body)).toEqual(['ex-create', 'ex-ping']);
    expect(exerciseIdsInBody(undefined)).toEqual([]);
  });

  it('skips assigned targets the course no longer has', () => {
    expect(
      assignedLessons(
        [
          { kind: 'lesson', target: 'gone', dueAt: null },
          { kind: 'chapter', target: '9', dueAt: null },
        ],
        testCatalog,
      ),
    ).toEqual([]);
  });
});

describe('classroom UI strings', () => {
  it('has every key in both languages', () => {
    expect(classroomKeys('en').sort()).toEqual(classroomKeys('zh').sort());
  });

  it('fills placeholders as plain text', () => {
    expect(classroomStrings('en')('banner.assignedBy', { class: '<b>X</b>' })).toBe('Assigned by <b>X</b>');
    expect(classroomStrings('zh')('classes.students', { n: 3 })).toBe('3 名学生');
  });
});
