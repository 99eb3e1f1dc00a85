// findBy and waitFor without a timeout of their own wait up to 10 s (1 s by default): they end
// as soon as the screen answers, and the machines that run the tests are shared and loaded.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });
