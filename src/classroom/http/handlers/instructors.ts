/** API: instructor sign-up, sign-in and sign-out. */
import { authenticateInstructor, changeInstructorPassword, signUpInstructor } from '../../accounts.ts';
import { createSession, revokeAllSessions, revokeSession } from '../../sessions.ts';
import type { ApiRequest } from '../api.ts';
import { clearedCookie, sessionCookie } from '../cookies.ts';
import { json, noContent } from '../responses.ts';

async function startSession(req: ApiRequest, instructorId: string): Promise<void> {
  // A fresh token on every sign-in: an old one (if any) is revoked, nothing carries over (no fixation).
  await revokeSession(req.cx, req.auth.tokens.instructor);
  const session = await createSession(req.cx, 'instructor', instructorId);
  req.setCookies.push(sessionCookie('instructor', session.token, session.expiresAt, req.secure, req.cx.now()));
}

/** POST /instructor/sign-up {email, password, name?} → 201 {instructor}. */
export async function signUp(req: ApiRequest): Promise<Response> {
  await req.cx.limits.signUp.take(req.address);
  const body = await req.body();
  const instructor = await signUpInstructor(req.cx, { email: body.email, password: body.password, name: body.name });
  await startSession(req, instructor.id);
  return json({ instructor }, 201);
}

/** POST /instructor/sign-in {email, password} → 200 {instructor}; 5 tries a minute per account and address. */
export async function signIn(req: ApiRequest): Promise<Response> {
  // The address limit comes before reading the body, so a refused client costs no upload either.
  await req.cx.limits.signInAddress.take(req.address);
  const body = await req.body();
  await req.cx.limits.signIn.take(`${String(body.email).trim().toLowerCase()}|${req.address}`);
  const instructor = await authenticateInstructor(req.cx, { email: body.email, password: body.password });
  await startSession(req, instructor.id);
  return json({ instructor });
}

/** POST /instructor/sign-out → 204. */
export async function signOut(req: ApiRequest): Promise<Response> {
  req.instructorId();
  await revokeSession(req.cx, req.auth.tokens.instructor);
  req.setCookies.push(clearedCookie('instructor', req.secure));
  return noContent();
}

/** POST /instructor/sign-out-everywhere → 204: every session of this instructor ends, this one too. */
export async function signOutEverywhere(req: ApiRequest): Promise<Response> {
  await revokeAllSessions(req.cx, 'instructor', req.instructorId());
  req.setCookies.push(clearedCookie('instructor', req.secure));
  return noContent();
}

/**
 * PUT /instructor/password {currentPassword, newPassword} → 204. Other devices are signed out (a
 * changed password should lock out whoever knew the old one); this one stays signed in.
 */
export async function changePassword(req: ApiRequest): Promise<Response> {
  const instructorId = req.instructorId();
  await req.cx.limits.credentials.take(`instructor:${instructorId}`);
  const body = await req.body();
  await changeInstructorPassword(req.cx, instructorId, { currentPassword: body.currentPassword, newPassword: body.newPassword });
  await revokeAllSessions(req.cx, 'instructor', instructorId, req.auth.tokens.instructor);
  return noContent();
}
