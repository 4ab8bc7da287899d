/** The sandbox server's catalog, read from the lesson files, agrees with the lessons' frontmatter. */
import { expect, it } from 'vitest';
import { findExercise } from '../../../src/classroom/catalog.ts';
import { readCatalogFromFiles } from '../../../src/classroom/lesson-files.ts';

it('reads every lesson with its exercises, their node and checks', async () => {
  const catalog = await readCatalogFromFiles('en');
  const joined = catalog.bySlug.get('4-3-joined');
  expect(joined?.exercises).toEqual(['mini-pod']);
  const miniPod = findExercise(catalog, '4-3-joined', 'mini-pod');
  expect(miniPod?.node).toBe('node1');
  expect(miniPod?.checks.map((check) => check.match)).toEqual(['^true$', '^2$', '^true nginx(:latest)?$', '^[1-9][0-9]*$']);
  expect(miniPod?.checks[0]?.hint).toMatch(/no running container named pod/);
  expect(findExercise(catalog, '4-4-across-nodes', 'nope')).toBeUndefined();
  expect(catalog.bySlug.get('4-4-across-nodes')?.profile).toBe('two-nodes');
});
