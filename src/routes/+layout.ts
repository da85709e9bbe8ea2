// Lesson pages are built once from the lesson files and served as static HTML.
export const prerender = true;
