// The renderer's Content-Security-Policy, shared by the Electron session headers, the web
// harness headers and (as a copy checked by a unit test) the <meta> tag in index.html.
//
// - script-src 'self' only: no inline script, no eval (neither React nor ECharts need eval).
// - style-src 'self' for stylesheets and <style> elements (Vite emits one CSS file), but
//   style-src-attr 'unsafe-inline': ECharts builds its tooltips as HTML strings with style=""
//   attributes (series markers, layout). Style attributes cannot run script; with
//   connect-src/img-src/font-src limited to 'self' they cannot exfiltrate either.
// - img-src data: for ECharts' "save as image" and canvas snapshots.
// - frame-ancestors is ignored in a <meta> tag; it is effective in the headers.
export const RENDERER_CSP_DIRECTIVES: Readonly<Record<string, string>> = {
  'default-src': "'self'",
  'script-src': "'self'",
  'style-src': "'self'",
  'style-src-attr': "'unsafe-inline'",
  'img-src': "'self' data:",
  'font-src': "'self'",
  'connect-src': "'self'",
  'object-src': "'none'",
  'base-uri': "'none'",
  'form-action': "'none'",
  'frame-ancestors': "'none'",
};

export function rendererCsp(options: { dev?: boolean; forMeta?: boolean } = {}): string {
  const d: Record<string, string> = { ...RENDERER_CSP_DIRECTIVES };
  if (options.forMeta) delete d['frame-ancestors'];
  if (options.dev) {
    // Vite's dev server: the React refresh preamble is an inline module script and HMR talks
    // over a websocket. Never used for built bundles.
    d['script-src'] = "'self' 'unsafe-inline'";
    d['style-src'] = "'self' 'unsafe-inline'";
    d['connect-src'] = "'self' ws: http://localhost:*";
  }
  return Object.entries(d)
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
}
