import { describe, expect, it } from 'vitest';
import { newSandbox } from './run-program.ts';

/** Run a line and return what the terminal showed, HTTP's CRLF line ends as LF. */
async function sh(s: ReturnType<typeof newSandbox>, line: string): Promise<string> {
  return (await s.exec(line)).output.replaceAll('\r\n', '\n');
}

describe('nginx serves the container files', () => {
  it('serves the image page with its real size, mtime and ETag, and lists the web root', async () => {
    const s = newSandbox();
    await sh(s, 'docker run -d --name web nginx');
    const head = await sh(s, 'curl -sI http://172.17.0.2/');
    expect(head).toContain('Content-Length: 615');
    expect(head).toContain('Last-Modified: Tue, 28 Dec 2021 15:28:38 GMT');
    expect(head).toContain('ETag: "61cb2d26-267"');
    expect(await sh(s, 'docker exec web ls /usr/share/nginx/html')).toBe('50x.html\nindex.html\n');
    expect(await sh(s, 'docker exec web wc -c /usr/share/nginx/html/50x.html')).toBe('497 /usr/share/nginx/html/50x.html\n');
  });

  it('serves an index.html the learner replaced, stamped with the time it was written', async () => {
    const s = newSandbox();
    await sh(s, 'docker run -d --name web nginx');
    await sh(s, "docker exec web sh -c 'echo hello > /usr/share/nginx/html/index.html'");
    expect(await sh(s, 'docker exec web cat /usr/share/nginx/html/index.html')).toBe('hello\n');
    expect(await sh(s, 'curl -s http://172.17.0.2/')).toBe('hello\n');
    const head = await sh(s, 'curl -sI http://172.17.0.2/index.html');
    const written = /Last-Modified: ([^\r\n]*)/.exec(head)?.[1] ?? '';
    const seconds = Math.floor(Date.parse(written) / 1000);
    expect(head).toContain('Content-Length: 6');
    expect(head).toContain(`ETag: "${seconds.toString(16)}-6"`);
    expect(head).not.toContain('Tue, 28 Dec 2021');
  });

  it('sends Content-Type from mime.types for new .txt and .json files', async () => {
    const s = newSandbox();
    await sh(s, 'docker run -d --name web nginx');
    await sh(s, `docker exec web sh -c 'echo "plain text" > /usr/share/nginx/html/a.txt'`);
    await sh(s, `docker exec web sh -c 'echo "{\\"ok\\": true}" > /usr/share/nginx/html/data.json'`);
    expect(await sh(s, 'curl -sI http://172.17.0.2/a.txt | grep -e Content -e HTTP')).toBe('HTTP/1.1 200 OK\nContent-Type: text/plain\nContent-Length: 11\n');
    expect(await sh(s, 'curl -s http://172.17.0.2/data.json')).toBe('{"ok": true}\n');
    expect(await sh(s, 'curl -sI http://172.17.0.2/data.json | grep Content-Type')).toBe('Content-Type: application/json\n');
  });

  it('answers a missing file with the 404 page and logs status and size', async () => {
    const s = newSandbox();
    await sh(s, 'docker run -d --name web nginx');
    expect(await sh(s, 'curl -sI http://172.17.0.2/missing.html | grep -e Content-Length -e HTTP')).toBe('HTTP/1.1 404 Not Found\nContent-Length: 153\n');
    expect(await sh(s, 'curl -s http://172.17.0.2/missing.html | head -n 2')).toBe('<html>\n<head><title>404 Not Found</title></head>\n');
    const access = await sh(s, 'docker logs web 2>/dev/null | tail -n 2');
    expect(access).toMatch(/"HEAD \/missing.html HTTP\/1.1" 404 0 /);
    expect(access).toMatch(/"GET \/missing.html HTTP\/1.1" 404 153 /);
    expect(await sh(s, 'docker logs web 2>&1 >/dev/null | tail -n 1')).toMatch(
      /\[error\] 31#31: \*2 open\(\) "\/usr\/share\/nginx\/html\/missing.html" failed \(2: No such file or directory\), client: 172.17.0.1, server: localhost, request: "GET \/missing.html HTTP\/1.1", host: "172.17.0.2"\n$/,
    );
  });

  it('forbids a directory without index and redirects one named without its slash', async () => {
    const s = newSandbox();
    await sh(s, 'docker run -d --name web nginx');
    await sh(s, "docker exec web sh -c 'echo x > /usr/share/nginx/html/d/e/note.txt'");
    expect(await sh(s, 'curl -sI http://172.17.0.2/d/ | head -n 1')).toBe('HTTP/1.1 403 Forbidden\n');
    const moved = await sh(s, 'curl -sI http://172.17.0.2/d | grep -e HTTP -e Location -e Length');
    expect(moved).toBe('HTTP/1.1 301 Moved Permanently\nContent-Length: 169\nLocation: http://172.17.0.2/d/\n');
  });
});

describe('wc of a missing file', () => {
  it('reports it and exits 1, on the host and in busybox', async () => {
    const s = newSandbox();
    expect(await s.exec('wc /tmp/nope.txt')).toEqual({ exit: 1, output: 'wc: /tmp/nope.txt: No such file or directory\n' });
    expect(await s.exec('docker run --rm busybox wc /nope.txt')).toEqual({ exit: 1, output: 'wc: /nope.txt: No such file or directory\n' });
  });
});
