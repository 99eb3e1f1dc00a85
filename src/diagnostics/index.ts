/** The sign-in error guide: the headless classifier and hook. */
export {};
