/**
 * An invitation whose creation answer is lost (the connection drops after the provider created
 * the user) or comes back as a 500 after the provider created it: the adapter looks the address
 * up before answering, so it is reported invited (and given its role), never in `failed` while
 * the provider holds it. Found by the fault soak (test/soak).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createFaultyFetch, type WireFaultKind } from '../../soak/faults';
import { createScimHarness, type ScimHarness } from './harness';

let harness: ScimHarness | null = null;
afterEach(async () => {
  await harness?.cleanup?.();
  harness = null;
});

describe('inviteUsers when the provider created a user but its answer was lost', () => {
  for (const bulk of [true, false]) {
    for (const kind of ['lost_response', 'error_after_commit'] as WireFaultKind[]) {
      it(`${bulk ? 'over /Bulk' : 'one POST per address'}, ${kind}: every address the provider holds is reported invited, with its role`, async () => {
        const wire = createFaultyFetch();
        harness = await createScimHarness(bulk ? {} : { bulk: false }, { fetch: wire.fetch });
        const emails = ['uncertain.one@acme.fr', 'uncertain.two@acme.fr'];
        wire.arm({ kind, nth: 1 });
        const result = await harness.adapter.inviteUsers({ input: { emails, roleId: 'role-user', entityIds: ['entity-acme-paris'] } });
        expect(wire.disarm()).toBe(kind);

        const held = [...harness.server.store.users.values()].filter((u) => emails.includes(u.userName));
        expect(held.map((u) => u.userName).sort()).toEqual(emails);
        expect(result.failed ?? []).toEqual([]);
        expect(result.invited.map((i) => i.email).sort()).toEqual(emails);
        const roleMembers = harness.server.store.groups.get('role-user')!.members.map((m) => m.value);
        for (const user of held) expect(roleMembers).toContain(user.id);
      });
    }
  }
});
