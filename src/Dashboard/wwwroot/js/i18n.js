// The interface's words, rendered into the page by the server (UiText.resx / UiText.en.resx).
const strings = JSON.parse(document.getElementById('ui-text')?.textContent || '{}');
export const t = (key, fallback) => strings[key] ?? fallback ?? key;
export const lang = document.documentElement.lang || 'zh-CN';
