/**
 * A lesson with a setup (a broken lab) gets a sandbox of its own, so breaking it never breaks the
 * learner's other lessons and Reset gives the broken start again. Its sandbox is asked for under a
 * profile name of its own, `lab.<slug>` (or `<host profile>.lab.<slug>` on another host profile):
 * everything that keys sandboxes by profile (the session registry's resume, the stored session id,
 * the browser's saved sandboxes, the server's kept journals, the classroom's checks) then keeps the
 * lab apart without knowing about labs. Drivers build the host profile part (`hostProfileOf`).
 */

const LAB_PROFILE = /^(?:([a-z0-9-]+)\.)?lab\.([a-z0-9]+(?:-[a-z0-9]+)*)$/;

/** The profile name of lesson `slug`'s lab on host profile `hostProfile` (the default when undefined). */
export function labProfile(hostProfile: string | undefined, slug: string): string {
  return hostProfile === undefined ? `lab.${slug}` : `${hostProfile}.lab.${slug}`;
}

/** The lesson slug of a lab's profile name; undefined for a plain host profile. */
export function labOf(profile: string | undefined): string | undefined {
  return profile === undefined ? undefined : LAB_PROFILE.exec(profile)?.[2];
}

/** The host profile a profile name builds: itself, or a lab's host part (undefined: the default). */
export function hostProfileOf(profile: string | undefined): string | undefined {
  if (profile === undefined) return undefined;
  const match = LAB_PROFILE.exec(profile);
  return match ? match[1] : profile;
}

/** The profile a lesson's terminal asks for: its own lab when it has a setup, else its host profile. */
export function lessonProfile(slug: string, sandbox: { profile?: string | undefined; setup?: readonly unknown[] | undefined }): string | undefined {
  return sandbox.setup !== undefined && sandbox.setup.length > 0 ? labProfile(sandbox.profile, slug) : sandbox.profile;
}
