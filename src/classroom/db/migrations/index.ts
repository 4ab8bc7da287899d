/**
 * The migrations, in order. Listed by static import (not read from the folder at run time) so that they
 * survive bundling into the Astro server build. Add a file NNN-what.ts and a line here; never edit a
 * migration that has shipped.
 */
import type { Migration } from 'kysely/migration';
import * as m001 from './001-initial.ts';
import * as m002 from './002-verified-progress.ts';
import * as m003 from './003-class-management.ts';
import * as m004 from './004-shared-server-state.ts';
import * as m005 from './005-sandbox-hosts.ts';

export const migrations: Record<string, Migration> = {
  '001-initial': m001,
  '002-verified-progress': m002,
  '003-class-management': m003,
  '004-shared-server-state': m004,
  '005-sandbox-hosts': m005,
};
