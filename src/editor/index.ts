/** The user editor: headless form hook. */
export * from './useUserEditor';
export * from './userEditor.schema';
