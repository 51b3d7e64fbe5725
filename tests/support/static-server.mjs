// A static file server on 127.0.0.1 (random port) for the browser test: serves a
// directory plus extra in-memory pages, and other directories under URL prefixes
// (mounts: {'/prefix/': directory}).
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { listenOnLoopback } from './listen.mjs';

const TYPES = { '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm', '.html': 'text/html',
  '.json': 'application/json', '.ts': 'text/plain' };

export async function startStaticServer(root, pages = {}, mounts = {}) {
  const server = http.createServer((req, res) => {
    let pathname = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    if (pages[pathname] !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(pages[pathname]);
      return;
    }
    let base = path.resolve(root);
    const mount = Object.keys(mounts).find((prefix) => pathname.startsWith(prefix));
    if (mount !== undefined) {
      base = path.resolve(mounts[mount]);
      pathname = pathname.slice(mount.length - 1);
    }
    const file = path.resolve(base, '.' + pathname);
    if (!file.startsWith(base + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain' });
      res.end('not found');
      return;
    }
    res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  const { url, port } = await listenOnLoopback(server);
  return {
    url,
    port,
    close: () => new Promise((resolve) => { server.close(() => resolve()); server.closeAllConnections(); }),
  };
}
