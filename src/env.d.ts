declare namespace App {
  interface Locals {
    /**
     * The sandbox nodes of the lesson being rendered (set by LessonLayout before its content renders),
     * so a <Command> without `node` can say it runs on the first one.
     */
    lessonNodes?: readonly string[];
  }
}
