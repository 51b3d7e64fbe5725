// Starts an http.Server on 127.0.0.1 (a free port): tests never listen anywhere else.
export async function listenOnLoopback(server) {
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address();
  return { url: `http://127.0.0.1:${port}`, port };
}
