/**
 * Response headers that keep the browser strict, and the Host check against DNS rebinding.
 *
 * The Content-Security-Policy allows only this origin's own files: no inline script or style, no
 * eval, no plugins, no framing, no outside requests; Trusted Types are required with no policy,
 * so that even a mistaken `innerHTML = string` in the web app throws instead of parsing markup.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
  "require-trusted-types-for 'script'",
  "trusted-types 'none'",
].join('; ');

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/** The host name of a Host header, without its port. */
export function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon >= 0 ? h.slice(0, colon) : h;
}

/**
 * Whether a request's Host header names this server. A page on another site whose name was made
 * to resolve to 127.0.0.1 (DNS rebinding) sends its own name, and is refused.
 */
export function hostAllowed(host: string | undefined, boundHost: string): boolean {
  if (!host) return false;
  const name = hostName(host);
  if (LOOPBACK_NAMES.has(name)) return true;
  const bound = boundHost.toLowerCase();
  // bound to every interface on purpose: the names it is reached by are not known here
  if (bound === '0.0.0.0' || bound === '::') return true;
  return name === bound || name === `[${bound}]`;
}
