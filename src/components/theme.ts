/** The theme choice shared by the toggle and public/theme-init.js (which repeats these rules in plain JS). */
export type Theme = 'light' | 'dark';

/** localStorage key of an explicit choice; absent means "follow the system". */
export const STORAGE_KEY = 'vethlab.theme';

/** The stored choice, if the learner made one. */
export function readStoredTheme(): Theme | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The operating system's preference. */
export function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
