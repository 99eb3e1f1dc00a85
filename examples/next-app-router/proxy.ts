import { NextResponse, type NextRequest } from 'next/server';

/**
 * A strict Content-Security-Policy with a fresh nonce per request: no `unsafe-inline` for scripts
 * or styles. Next.js reads the nonce from the request's policy and puts it on its own scripts (the
 * page renders per request: app/page.tsx awaits `connection()`); `strict-dynamic` lets those
 * scripts load the app's chunks. The kit's stylesheet is a file (`'self'`); the one `<style>` a
 * dialog adds (Radix's scroll lock) carries the nonce too (app/providers.tsx).
 */
export function proxy(request: NextRequest) {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const policy = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`,
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', policy);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set('Content-Security-Policy', policy);
  return response;
}

export const config = {
  // Pages only: not the static chunks and styles, nor the images and icons, nor prefetches.
  matcher: [
    {
      source: '/((?!_next/static|_next/image|favicon.ico).*)',
      missing: [
        { type: 'header', key: 'next-router-prefetch' },
        { type: 'header', key: 'purpose', value: 'prefetch' },
      ],
    },
  ],
};
