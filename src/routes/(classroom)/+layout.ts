// The classroom (teacher dashboards, joining, handing in) is rendered per request from the
// store, unlike the prerendered lessons.
export const prerender = false;
