// A server that answers every request with 200 `{}`: the fuzz clients need
// somewhere harmless to send the requests that pass validation.
import http from 'node:http';
import { listenOnLoopback } from '../support/listen.mjs';

export async function startStub() {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      res.end('{}');
    });
  });
  // Junk can make URLs of a megabyte; let Node answer 431 rather than hang up.
  server.maxHeadersCount = 100;
  const { url } = await listenOnLoopback(server);
  return {
    url,
    requests: () => requests,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }),
  };
}
