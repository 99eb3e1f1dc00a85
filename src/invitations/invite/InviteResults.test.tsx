import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Invitation } from '../../contract/types';
import { createUserAdminI18n, getUserAdminT } from '../../i18n';
import { UserAdminProvider } from '../../provider/UserAdminProvider';
import { createTestAdapter } from '../../../test/utils/test-adapter';
import { resultsSummary } from '../../ui/ResultList';
import { InviteResults } from './InviteResults';
import type { InviteOutcome } from './useInviteForm';

const invitation: Invitation = {
  id: 'inv-1',
  kind: 'invitation',
  status: 'pending',
  email: 'ana@acme.fr',
  userId: 'u-1',
  roleId: null,
  entityIds: [],
  permissions: {},
  invitedBy: null,
  sentAt: '2026-01-01T00:00:00.000Z',
  expiresAt: '2026-01-08T00:00:00.000Z',
};

const skippedOnly: InviteOutcome = {
  invited: [invitation],
  skipped: [
    { email: 'jose@acme.es', reason: 'already_member' },
    { email: 'x@mailinator.com', reason: 'disposable' },
  ],
  failed: [],
};

describe.each(['en', 'fr', 'pt'] as const)('InviteResults in %s', (locale) => {
  const t = getUserAdminT(createUserAdminI18n({ locale }));
  const renderResults = (outcome: InviteOutcome) =>
    render(
      <UserAdminProvider adapter={createTestAdapter()} locale={locale}>
        <InviteResults outcome={outcome} />
      </UserAdminProvider>,
    );

  it('given skipped addresses and no failure, counts them as skipped (not invited, with why), never as failed', () => {
    renderResults(skippedOnly);
    // Each count in its language's plural form: one done, two skipped.
    expect(resultsSummary(t, locale, 1, 2, 0)).toContain(t('ui.resultsSkipped', { count: 2 }));
    expect(resultsSummary(t, locale, 1, 2, 0)).toContain(t('ui.resultsDone', { count: 1 }));
    const summary = screen.getByText(t('invite.result.skippedCount', { count: 2 })).closest('[data-slot="invite-results"]')!;
    const list = within(summary as HTMLElement).getByText(t('invite.result.title')).closest('section')!;
    expect(within(list).getByText(resultsSummary(t, locale, 1, 2, 0))).toBeInTheDocument();
    expect(list).not.toHaveTextContent(t('ui.failed'));
    const row = within(list).getByText('jose@acme.es').closest('li')!;
    expect(row).toHaveAttribute('data-outcome', 'skipped');
    expect(row).toHaveTextContent(t('ui.skipped'));
    expect(row).toHaveTextContent(t('invite.skipReason.already_member'));
    expect(screen.queryByText(t('invite.result.failedCount', { count: 2 }))).toBeNull();
  });

  it('given skipped and failed addresses, counts each apart: failures first, then the skipped', () => {
    renderResults({ ...skippedOnly, failed: [{ email: 'boom@acme.fr', code: 'unavailable' }] });
    const list = screen.getByText(t('invite.result.title')).closest('section')!;
    expect(within(list).getByText(resultsSummary(t, locale, 1, 2, 1))).toBeInTheDocument();
    expect(within(list).getAllByRole('listitem').map((li) => li.getAttribute('data-outcome'))).toEqual(['failed', 'skipped', 'skipped', 'succeeded']);
  });
});
