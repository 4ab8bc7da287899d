/** The files of a built site, as paths relative to its folder with `/` separators. */
import { readdir } from 'node:fs/promises';

/** Every file under `root`, recursively, relative to it. */
export async function siteFiles(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) =>
      `${entry.parentPath}/${entry.name}`
        .slice(root.length + 1)
        .split('\\')
        .join('/'),
    )
    .sort();
}
