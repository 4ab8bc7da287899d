/**
 * docker pause / unpause (moby daemon/pause.go, unpause.go): the cgroup freezer stops every
 * process of a running container where it is; the container stays running (its network still
 * answers in the kernel), only its processes make no progress and exec is refused.
 */
import { fail, ok, type Result } from './errdefs.ts';
import type { Container } from './container.ts';

/** Freeze a running container. */
export function pauseContainer(c: Container): Result<void> {
  if (c.status !== 'running') return fail('conflict', `Container ${c.id} is not running`);
  if (c.paused) return fail('conflict', `Container ${c.id} is already paused`);
  c.paused = true;
  return ok(undefined);
}

/** Thaw a paused container. */
export function unpauseContainer(c: Container): Result<void> {
  if (!c.paused || c.status !== 'running') return fail('conflict', `Container ${c.id} is not paused`);
  c.paused = false;
  return ok(undefined);
}
