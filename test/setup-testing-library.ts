// findBy and waitFor without a timeout of their own wait up to 10 s (1 s by default): they end
// as soon as the screen answers, and the machines that run the tests are shared and loaded.
import { configure } from '@testing-library/react';

configure({ asyncUtilTimeout: 10_000 });

// French and Portuguese load on demand (their own chunk); tests that build a translator for them
// synchronously (createUserAdminI18n({ locale: 'fr' })) need them loaded first.
import { preloadUserAdminLocales } from '../src/i18n/i18n';

await preloadUserAdminLocales();
