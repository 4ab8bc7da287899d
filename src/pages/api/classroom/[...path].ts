/** Every /api/classroom/* request goes to the classroom's framework-free router (src/classroom/http/api.ts). */
import type { APIRoute } from 'astro';
import { deps } from '../../../classroom/astro/deps.ts';
import { handleApi } from '../../../classroom/http/api.ts';

export const prerender = false;

export const ALL: APIRoute = (context) => {
  let address: string | undefined;
  try {
    address = context.clientAddress;
  } catch {
    address = undefined;
  }
  return handleApi(context.request, address, deps);
};
