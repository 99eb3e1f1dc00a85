/** The styled user editor (needs `user-admin-kit/styles.css`). */
export {};
