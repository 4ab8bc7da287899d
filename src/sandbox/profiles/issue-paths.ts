/** zod issues as lines a person can act on: `hosts[0].interfaces[1].address: <message>`. */
import type * as z from 'zod/mini';

/** The JSON path of an issue as written in JavaScript: `hosts[0].name`. */
export function issuePath(path: readonly PropertyKey[]): string {
  return path.map((key, i) => (typeof key === 'number' ? `[${key}]` : i === 0 ? String(key) : `.${String(key)}`)).join('');
}

/** One line per problem; a message of several lines (several unknown keys) gives several. */
export function formatIssues(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.flatMap((issue) => {
    const at = issuePath(issue.path);
    return issue.message.split('\n').map((line) => (at === '' ? line : `${at}: ${line}`));
  });
}
