import { readFileSync } from 'node:fs';
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** The nginx block of docs/deploy.md, as the directives the proxy below replays. */
export interface NginxBlock {
  upstream: string;
  setHeaders: [string, string][];
}

export function readDeployNginxBlock(path = 'docs/deploy.md'): NginxBlock {
  const doc = readFileSync(path, 'utf8');
  const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
  if (!block) throw new Error(`${path} has no nginx block`);
  const upstream = /proxy_pass\s+http:\/\/([\w.-]+)/.exec(block)?.[1];
  if (!upstream) throw new Error('nginx block has no proxy_pass');
  const setHeaders = [...block.matchAll(/proxy_set_header\s+(\S+)\s+(.+?);/g)].map(
    (m) => [m[1]!.toLowerCase(), m[2]!.replace(/^"(.*)"$/, '$1')] as [string, string],
  );
  return { upstream, setHeaders };
}

const HOP_BY_HOP = ['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'upgrade'];

/**
 * A forwarder that sends what that nginx would send upstream for a browser at `clientAddress` reaching
 * it over https: `Host` is the upstream name unless the block sets one (nginx's `$proxy_host`),
 * each `proxy_set_header` is applied with its variables, responses stream unbuffered. A variable it
 * cannot encode fails loudly, so the doc cannot drift from the test.
 */
export async function startDocProxy(
  block: NginxBlock,
  target: URL,
  clientAddress: string,
): Promise<{ url: string; close(): Promise<void> }> {
  const agent = new Agent({ keepAlive: true });
  const server: Server = createServer((req, res) => {
    const headers: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined && !HOP_BY_HOP.includes(k)) headers[k] = v;
    headers['host'] = block.upstream;
    for (const [name, value] of block.setHeaders) {
      const resolved = value.replace(/\$(\w+)/g, (_, v: string) => {
        if (v === 'scheme') return 'https';
        if (v === 'remote_addr') return clientAddress;
        if (v === 'host') return String(req.headers.host ?? '');
        if (v === 'proxy_add_x_forwarded_for') {
          const prior = req.headers['x-forwarded-for'];
          return prior ? `${prior}, ${clientAddress}` : clientAddress;
        }
        throw new Error(`docProxy cannot encode nginx variable $${v}`);
      });
      if (resolved === '') delete headers[name];
      else headers[name] = resolved;
    }
    const up = request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent },
      (upRes) => {
        res.writeHead(upRes.statusCode ?? 502, upRes.headers);
        upRes.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
