/** The user editor: headless form hook. */
export {};
