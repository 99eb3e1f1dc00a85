#!/usr/bin/env bash
# Runs every check in order, prints each runner's summary, and ends with one tally line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-results
failed_steps=()
step() { # name, command...
  local name=$1; shift
  echo; echo "== $name"
  local t0=$SECONDS
  if "$@"; then echo "-- $name: ok ($((SECONDS - t0)) s)"; else echo "-- $name: FAILED ($((SECONDS - t0)) s)"; failed_steps+=("$name"); fi
}
vitest_project() { # project name
  npx vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="test-results/$1.json"
}

step "typecheck (tsc)" npx tsc -p tsconfig.json --noEmit
# typescript-eslint, react-hooks, jsx-a11y and the no-literal-English selectors (eslint.config.js); 0 warnings.
step "lint (eslint)" npm run --silent lint
step "i18n completeness (en, fr, pt)" node scripts/check-i18n.mjs
step "unit tests (vitest, jsdom)" vitest_project unit
step "adapters against real servers (better-auth, SCIM; vitest, node)" vitest_project integration
step "browser tests (vitest, Chromium)" vitest_project browser
# The package supports React 18 too: the unit and browser suites again, with React 18 from
# test/react18 (its own package.json and lockfile) in place of the project's 19 (vitest.react18.config.ts).
react18() {
  # Installed unless never, or before the lockfile last changed (npm ci writes node_modules/.package-lock.json).
  if [ ! test/react18/node_modules/.package-lock.json -nt test/react18/package-lock.json ]; then
    npm ci --prefix test/react18 --no-audit --no-fund --loglevel=error || return 1
  fi
  local ok=0
  for project in unit browser; do
    npx vitest run --config vitest.react18.config.ts --project "$project-react18" --reporter=default --reporter=json --outputFile.json="test-results/$project-react18.json" || ok=1
  done
  return $ok
}
step "unit and browser tests on React 18 (vitest, jsdom and Chromium)" react18
step "demo end-to-end (Playwright, Chromium, axe)" vitest_project e2e
step "storybook tests, every story in en, fr and pt (vitest addon, Chromium)" npx vitest run --project 'storybook-*' --reporter=default --reporter=json --outputFile.json=test-results/storybook.json
step "library build (vite + tsc declarations)" npm run --silent build
# The built modules as a React Server Components host sees them ('use client' where React is used,
# plain where a server calls), every entry imported in a plain Node process with no DOM.
step "built package: 'use client' and a plain Node import (vitest, node)" vitest_project dist
# The Next.js App Router example over the built package: installed from its lockfile, built by
# `next build`, served by `next start` on 127.0.0.1 and driven in Chromium (test/next).
next_example() {
  (cd examples/next-app-router && npm ci --prefer-offline --no-audit --no-fund --loglevel=error && NEXT_TELEMETRY_DISABLED=1 npx next build) && vitest_project next
}
step "Next.js App Router example (npm ci, next build, next start; Playwright, Chromium, axe)" next_example
# The exported names and signatures of every entry against the reports committed in etc/api
# (`npm run api:update` rewrites them); reads the declarations the build step just wrote.
step "api report" node etc/api-report.mjs --check
step "package checks (publint, attw)" npm run --silent lint:package
step "bundle size" node scripts/size.mjs

echo
if [ ${#failed_steps[@]} -gt 0 ]; then echo "failed steps: ${failed_steps[*]}"; else echo "all steps passed"; fi
# The tally is the closing line.
node scripts/tally.mjs test-results/unit.json test-results/integration.json test-results/browser.json test-results/unit-react18.json test-results/browser-react18.json test-results/e2e.json test-results/storybook.json test-results/dist.json test-results/next.json
[ ${#failed_steps[@]} -eq 0 ]
