/**
 * The page may load only its own files. 'unsafe-inline' for styles only: the component
 * library (Mantine) injects <style> elements and style attributes; scripts stay 'self' (the
 * app:// origin the page is served from). Sent by the app protocol with every file and added
 * to every response of the session; the renderer's index.html should carry the same policy in
 * a <meta> tag for the headless server's pages.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
