/** The styled entity access picker (needs `user-admin-kit/styles.css`). */
export {};
