/** The styled permission matrix (needs `user-admin-kit/styles.css`). */
export {};
