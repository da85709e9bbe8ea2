/** Where a module's progress is kept in the browser, and where records set aside go. */
export const progressKey = (module: string): string => `backchannel:progress:${module}`;
export const asideKeyPrefix = (module: string): string => `${progressKey(module)}:set-aside:`;
