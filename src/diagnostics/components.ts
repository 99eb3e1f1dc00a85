/** The styled sign-in error guide (needs `user-admin-kit/styles.css`). */
export {};
