// Serving the built renderer: path resolution that cannot leave the root (encoded dots, NUL,
// symlinks), and content types for what Vite emits.
import { realpathSync, statSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

function within(root: string, candidate: string): boolean {
  return candidate === root || candidate.startsWith(root + sep);
}

/**
 * Maps a raw URL path ("/assets/index-abc.js", "/") to a regular file under root, or null when
 * the path is malformed, escapes the root (also through a symlink) or is not a file.
 */
export function resolveStaticFile(root: string, rawPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const relative = decoded.replace(/^\/+/, '') || 'index.html';
  const realRoot = realpathSync(root);
  const candidate = resolve(realRoot, relative);
  if (!within(realRoot, candidate)) return null;
  try {
    const real = realpathSync(candidate);
    if (!within(realRoot, real) || !statSync(real).isFile()) return null;
    return real;
  } catch {
    return null;
  }
}
