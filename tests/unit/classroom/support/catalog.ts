/** A small course for tests: five chapters, chapter 4 with two lessons whose exercises are known. */
import { createCatalog, type CatalogLesson } from '../../../../src/classroom/catalog.ts';

/** Lesson 4.1's checks, as a lesson's frontmatter declares them (the stuck-student tests name them). */
const CREATE_CHECKS = [
  { run: 'docker network inspect -f ok mynet', exit: 0, match: '^ok$', hint: 'There is no network called mynet yet.' },
  { run: 'docker inspect -f x box1', exit: 0, hint: 'box1 is not running.' },
];

const lessons: CatalogLesson[] = [
  { slug: '1-1-veth-and-docker0', chapter: 1, section: '1.1', title: 'veth and docker0', exercises: ['ex-veth'] },
  { slug: '1-2-host-and-container', chapter: 1, section: '1.2', title: 'Host and container', exercises: [] },
  { slug: '2-1-network-ls', chapter: 2, section: '2.1', title: 'docker network ls', exercises: [] },
  { slug: '3-1-bridge-mode', chapter: 3, section: '3.1', title: 'Bridge mode', exercises: [] },
  {
    slug: '4-1-user-networks',
    chapter: 4,
    section: '4.1',
    title: 'User-defined networks',
    exercises: ['ex-create', 'ex-ping'],
    definitions: [
      { id: 'ex-create', node: 'node1', checks: CREATE_CHECKS },
      { id: 'ex-ping', node: 'node1', checks: [{ run: 'ping -c1 box2', exit: 0, hint: 'box1 cannot reach box2 by name.' }] },
    ],
  },
  { slug: '4-2-embedded-dns', chapter: 4, section: '4.2', title: 'Embedded DNS', exercises: ['ex-dns'] },
  { slug: '5-1-overlay', chapter: 5, section: '5.1', title: 'Overlay', exercises: [] },
];

export const testCatalog = createCatalog(lessons);
