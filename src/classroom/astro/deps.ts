/** What the classroom's Astro routes and pages run on: the shared service, the catalog, HTTP settings. */
import type { ApiDeps } from '../http/api.ts';
import { processSettings } from '../../settings/settings.ts';
import { sharedClassroom } from '../shared.ts';
import { loadCatalog } from './catalog.ts';

export const deps: ApiDeps = {
  classroom: sharedClassroom,
  catalog: loadCatalog,
  config: processSettings().http,
};
