/**
 * vethlab's own tools speak the language of the learner's page (hello's `locale`, passed to the
 * sandbox as Sandbox.setLocale); real tools keep printing what the real ones print.
 */
import { describe, expect, it } from 'vitest';
import { SimSandbox } from '../../../src/sandbox/sim/sandbox.ts';
import { buildGraph } from '../../../src/components/topology/graph.ts';
import { renderPath } from '../../../src/components/topology/render.ts';
import { topologyWords } from '../../../src/components/topology/words.ts';
import { parseClientControl } from '../../../src/sandbox/protocol.ts';
import { newSim } from './run-program.ts';

/** A sandbox with two containers on docker0, b1 having pinged b2, speaking `locale`. */
async function afterPing(locale?: string): Promise<SimSandbox> {
  const sandbox = new SimSandbox({ simulation: newSim() });
  if (locale) sandbox.setLocale(locale);
  await sandbox.exec('docker run -dit --name b1 busybox; docker run -dit --name b2 busybox; docker exec b1 ping -c 1 172.17.0.3');
  return sandbox;
}

describe('explain and help in the page language', () => {
  it('explain answers in Chinese on a zh page, with the real addresses and rules as data', async () => {
    const sandbox = await afterPing('zh');
    const { exit, output } = await sandbox.exec('explain');
    expect(exit).toBe(0);
    expect(output).toMatch(/^最近一个数据包：ICMP echo 172\.17\.0\.2 → 172\.17\.0\.3，从容器 b1发出\n结果：收到了应答\n/);
    expect(output).toContain('[容器 b1] 发出 ICMP echo 172.17.0.2 → 172.17.0.3');
    expect(output).toContain('应答：');
    expect(output).toMatch(/网桥 docker0 把帧从 veth[0-9a-f]{7} 转发到端口 veth[0-9a-f]{7}/);
    expect(output).not.toMatch(/The last packet|Outcome|forwards/);
  });

  it('explain stays English without a locale, and for a locale it does not know', async () => {
    for (const locale of [undefined, 'xx']) {
      const { output } = await (await afterPing(locale)).exec('explain');
      expect(output).toMatch(/^The last packet: ICMP echo 172\.17\.0\.2 → 172\.17\.0\.3 from container b1\nOutcome: answered\n/);
    }
  });

  it('a container shell on a zh terminal explains in Chinese too', async () => {
    const sandbox = await afterPing('zh');
    const { output } = await sandbox.exec('docker exec b1 explain');
    expect(output).toContain('最近一个数据包');
  });

  it('help lists the builtins in Chinese; the names and usages stay as typed', async () => {
    const sandbox = new SimSandbox({ simulation: newSim() });
    sandbox.setLocale('zh');
    const { output } = await sandbox.exec('help');
    expect(output).toContain('这个沙盒里模拟的 shell');
    expect(output).toMatch(/ {2}cd \[dir\] +切换工作目录\n/);
    expect(output).toContain('这里安装的程序：');
    expect(output).not.toContain('change the working directory');
  });

  it('real tools are not translated', async () => {
    const sandbox = await afterPing('zh');
    expect((await sandbox.exec('docker network ls')).output).toMatch(/^NETWORK ID +NAME +DRIVER +SCOPE\n/);
    expect((await sandbox.exec('nosuch')).output).toContain('nosuch: command not found');
  });

  it('the path the panel gets is worded in the sandbox language, and the panel words its own labels', async () => {
    const sandbox = await afterPing('zh');
    const state = (await sandbox.state())!;
    expect(state.lastPath!.summary).toContain('从容器 b1发出');
    const zh = topologyWords('zh');
    const graph = buildGraph(state, zh);
    expect(graph.boxes.find((b) => b.kind === 'host')).toMatchObject({ title: '主机 node1', subtitle: '主机的网络命名空间' });
    expect(graph.lanes[0]!.label).toContain('docker0');
    expect(renderPath(state.lastPath!, zh)).toContain('收到了应答');
    expect(renderPath(state.lastPath!, zh)).toContain('<span class="vl-topo__dir">应答</span>');
  });
});

describe('hello', () => {
  it('carries an optional locale, a plain name', () => {
    expect(parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, locale: 'zh' }))).toEqual({
      ok: true,
      value: { type: 'hello', version: 1, cols: 80, rows: 24, locale: 'zh' },
    });
    expect(parseClientControl(JSON.stringify({ type: 'hello', version: 1, cols: 80, rows: 24, locale: '\u001b[31m' })).ok).toBe(false);
  });
});
