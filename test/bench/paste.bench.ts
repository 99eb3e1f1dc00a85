/**
 * Figures, not assertions: pasting 10,000 addresses into the invite dialog (issue 12: a 5,000-address
 * paste froze the page for 1.1–2.9 s). The page must never be blocked for more than 100 ms at a
 * time: `parseEmailsInSlices` parses in slices of about 20,000 characters and yields between them,
 * and the form keeps at most MAX_INVITE_ADDRESSES (500) chips, the rest staying in the input.
 * Run: npx vitest bench --run --project unit test/bench/paste.bench.ts   (figures in docs/limits.md)
 * It also prints the longest synchronous slice of a 10,000-address paste, measured between yields.
 */
import { bench, describe } from 'vitest';
import { domainRisk, MAX_INVITE_ADDRESSES } from '../../src/core';
import { chipAddress } from '../../src/invitations/invite/invite.schema';
import { classifyAddresses, parseEmails, parseEmailsInSlices } from '../../src/invitations/invite/parseEmails';

// A realistic paste: a third with display names (some quoted "Last, First"), from 50 domains, one per line.
const paste = Array.from({ length: 10_000 }, (_, i) =>
  i % 3 === 0 ? `Person ${i} <person${i}@acme${i % 50}.fr>` : i % 3 === 1 ? `"Doe, Jane ${i}" <jane${i}@acme${i % 50}.fr>` : `user${i}@acme${i % 50}.fr`,
).join('\n');
const chipTexts = parseEmails(paste).slice(0, MAX_INVITE_ADDRESSES).map((a) => a.text);

/** The longest time the page is blocked while the paste is parsed in slices (ms), and how many slices. */
async function longestSlice(options: { limit?: number } = {}) {
  let last = performance.now();
  let longest = 0;
  let slices = 0;
  const yieldToPage = async () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    slices += 1;
    await new Promise((resolve) => setTimeout(resolve, 0));
    last = performance.now();
  };
  await parseEmailsInSlices(paste, { ...options, yieldToPage });
  longest = Math.max(longest, performance.now() - last);
  return { longest, slices: slices + 1 };
}

const runs: Awaited<ReturnType<typeof longestSlice>>[] = [];
for (let i = 0; i < 5; i++) runs.push(await longestSlice());
console.log(
  `paste of 10,000 addresses (${paste.length} chars) parsed in ${runs[0]!.slices} slices; longest slice per run (ms): ${runs.map((r) => r.longest.toFixed(1)).join(', ')}`,
);
const limited = await longestSlice({ limit: MAX_INVITE_ADDRESSES });
console.log(`with the invite limit (${MAX_INVITE_ADDRESSES}): ${limited.slices} slice(s), longest ${limited.longest.toFixed(1)} ms`);

describe('a 10,000-address paste', () => {
  bench('parseEmails, the whole paste at once (one block)', () => {
    parseEmails(paste);
  }, { iterations: 10, time: 0 });

  bench('parseEmailsInSlices, the whole paste (yielding between slices)', async () => {
    await parseEmailsInSlices(paste);
  }, { iterations: 10, time: 0 });

  bench(`parseEmailsInSlices up to the invite limit (${MAX_INVITE_ADDRESSES}), the rest kept as text`, async () => {
    await parseEmailsInSlices(paste, { limit: MAX_INVITE_ADDRESSES });
  }, { iterations: 10, time: 0 });

  bench(`the chips of one render: ${MAX_INVITE_ADDRESSES} chips parsed, classified and their domains screened`, () => {
    const parsed = chipTexts.map(chipAddress);
    classifyAddresses(parsed);
    for (const a of parsed) domainRisk(a.address.slice(a.address.lastIndexOf('@') + 1));
  }, { iterations: 20, time: 0 });
});
