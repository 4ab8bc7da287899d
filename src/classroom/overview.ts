/** What a student sees of their classes: which lessons each assigns, and when they are due. */
import type { Classroom } from './context.ts';
import { assignedLessons, assignmentsByClass, type Assignment } from './assignments.ts';
import type { Catalog } from './catalog.ts';
import { studentClasses } from './enrolments.ts';

export interface ClassOverview {
  id: string;
  name: string;
  joinedAt: string;
  assignments: Assignment[];
  lessons: Array<{ slug: string; chapter: number; section: string; title: string; dueAt: string | null }>;
}

/** The student's open classes with their assigned lessons (titles from `catalog`'s locale). */
export async function studentOverview(cx: Classroom, studentId: string, catalog: Catalog): Promise<ClassOverview[]> {
  const classes = await studentClasses(cx, studentId);
  const byClass = await assignmentsByClass(
    cx,
    classes.map((c) => c.id),
  );
  return classes.map((c) => {
    const assignments = byClass.get(c.id) ?? [];
    return {
      ...c,
      assignments,
      lessons: assignedLessons(assignments, catalog).map(({ slug, chapter, section, title, dueAt }) => ({ slug, chapter, section, title, dueAt })),
    };
  });
}
