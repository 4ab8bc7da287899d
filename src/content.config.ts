import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { lessonSchema } from './schemas/lesson.ts';

/** One MDX file per lesson and locale: src/content/lessons/<locale>/<slug>.mdx (every folder a locale of src/i18n/locales/); the id is "<locale>/<slug>". */
const lessons = defineCollection({
  loader: glob({ base: './src/content/lessons', pattern: '*/**/*.mdx' }),
  schema: lessonSchema,
});

export const collections = { lessons };
