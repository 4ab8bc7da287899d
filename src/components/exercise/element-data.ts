/** What Exercise.astro hands to <vl-exercise> in data attributes (JSON). */
import type { CheckRule } from './verdict.ts';

/** A check as the browser needs it: the command and what it must return (hints stay in the markup). */
export type ClientCheck = CheckRule & { run: string };

/** UI strings of the element; `{passed}`, `{total}` and `{message}` are filled in. */
export interface ExerciseStrings {
  checking: string;
  pending: string;
  passed: string;
  /** A check shown as passed because the exercise was completed on an earlier visit. */
  passedEarlier: string;
  failed: string;
  /** Check is disabled: the terminal is reconnecting. */
  waiting: string;
  summary: string;
  allPassed: string;
  error: string;
}

/** Fill `{name}` placeholders. */
export function fill(template: string, vars: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}
