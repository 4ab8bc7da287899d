import { describe, expect, it } from 'vitest';
import { newSandbox } from './run-program.ts';

describe('docker exec -e', () => {
  it("adds the variables after the container's own, replacing one of the same name", async () => {
    const s = newSandbox(11);
    await s.exec('docker run -dit --name box1 -e MODE=dev busybox');
    const env = (await s.exec('docker exec -e FOO=bar -e MODE=prod box1 env')).output.split('\n');
    expect(env.slice(2)).toEqual(['MODE=prod', 'FOO=bar', 'HOME=/root', '']);
  });
});
