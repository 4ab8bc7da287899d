/** The search dialog's text in both course languages. */
export interface SearchStrings {
  button: string;
  label: string;
  placeholder: string;
  close: string;
  empty: string;
  noResults: string;
  unavailable: string;
  results: string;
}

const STRINGS: Record<'zh' | 'en', SearchStrings> = {
  en: {
    button: 'Search',
    label: 'Search the lessons',
    placeholder: 'Search lessons…',
    close: 'Close',
    empty: 'Type to search all lessons.',
    noResults: 'No lessons match.',
    unavailable: 'Search is built with the site (npm run build); it is not available here.',
    results: 'Results',
  },
  zh: {
    button: '搜索',
    label: '搜索课程',
    placeholder: '搜索课程…',
    close: '关闭',
    empty: '输入关键词搜索所有课程。',
    noResults: '没有匹配的课程。',
    unavailable: '搜索索引在构建网站时生成（npm run build），这里不可用。',
    results: '搜索结果',
  },
};

export function searchStrings(lang: string | undefined): SearchStrings {
  return lang === 'zh' ? STRINGS.zh : STRINGS.en;
}
