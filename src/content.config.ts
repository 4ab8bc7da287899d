import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson.ts';

/** One MDX file per lesson and locale: src/content/lessons/<zh|en>/<slug>.mdx; the id is "<locale>/<slug>". */
const lessons = defineCollection({
  loader: glob({ base: './src/content/lessons', pattern: '{zh,en}/**/*.mdx' }),
  schema: lessonSchema,
});

export const collections = { lessons };
