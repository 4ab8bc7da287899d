import { describe, expect, it } from 'vitest';
import { dockerSandboxState, hostFromOutput } from '../../../src/sandbox/docker/topology.ts';
import { buildGraph } from '../../../src/components/topology/graph.ts';
import { topologyWords } from '../../../src/components/topology/words.ts';

/** The panel's words in English, which these tests read. */
const EN = topologyWords('en');

const NETWORKS = [
  { Name: 'bridge', Id: 'b'.repeat(64), Driver: 'bridge', IPAM: { Config: [{ Subnet: '172.17.0.0/16', Gateway: '172.17.0.1' }] }, Options: { 'com.docker.network.bridge.name': 'docker0' } },
  { Name: 'host', Id: 'h'.repeat(64), Driver: 'host', IPAM: { Config: [] } },
  { Name: 'ov', Id: 'o'.repeat(64), Driver: 'overlay', IPAM: { Config: [{ Subnet: '10.0.1.0/24', Gateway: '10.0.1.1' }] }, Peers: [{ Name: 'node1', IP: '192.168.56.11' }] },
];
const CONTAINERS = [
  {
    Id: 'a'.repeat(64),
    Name: '/web',
    Created: '2024-01-01T00:00:01Z',
    Config: { Image: 'nginx' },
    State: { Status: 'running', Pid: 100 },
    HostConfig: { NetworkMode: 'default' },
    NetworkSettings: {
      Networks: { bridge: { IPAddress: '172.17.0.2', IPPrefixLen: 16, MacAddress: '02:42:ac:11:00:02', NetworkID: 'b'.repeat(64) } },
      Ports: {
        '80/tcp': [
          { HostIp: '0.0.0.0', HostPort: '1234' },
          { HostIp: '::', HostPort: '1234' },
        ],
      },
    },
  },
  {
    Id: 'c'.repeat(64),
    Name: '/side',
    Created: '2024-01-01T00:00:02Z',
    Config: { Image: 'busybox' },
    State: { Status: 'running', Pid: 101 },
    HostConfig: { NetworkMode: `container:${'a'.repeat(64)}` },
    NetworkSettings: { Networks: {} },
  },
  {
    Id: 'd'.repeat(64),
    Name: '/hn',
    Created: '2024-01-01T00:00:03Z',
    Config: { Image: 'nginx' },
    State: { Status: 'running', Pid: 102 },
    HostConfig: { NetworkMode: 'host' },
    NetworkSettings: { Networks: { host: {} } },
  },
];
const LINKS = [
  { ifindex: 1, ifname: 'lo', link_type: 'loopback', operstate: 'UNKNOWN', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] },
  { ifindex: 2, ifname: 'eth0', link_type: 'ether', operstate: 'UP', address: '02:42:0a:00:00:02', addr_info: [{ family: 'inet', local: '192.168.56.11', prefixlen: 24 }] },
  { ifindex: 3, ifname: 'docker0', operstate: 'UP', linkinfo: { info_kind: 'bridge' }, addr_info: [{ family: 'inet', local: '172.17.0.1', prefixlen: 16 }] },
  { ifindex: 7, ifname: 'veth1a2b3c4', operstate: 'UP', master: 'docker0', link_index: 6, link_netnsid: 0, linkinfo: { info_kind: 'veth' }, addr_info: [] },
];
const WEB_NS = [
  { ifindex: 1, ifname: 'lo', link_type: 'loopback', operstate: 'UNKNOWN', addr_info: [{ family: 'inet', local: '127.0.0.1', prefixlen: 8 }] },
  {
    ifindex: 6,
    ifname: 'eth0',
    operstate: 'UP',
    link_index: 7,
    link_netnsid: 0,
    linkinfo: { info_kind: 'veth' },
    address: '02:42:ac:11:00:02',
    addr_info: [{ family: 'inet', local: '172.17.0.2', prefixlen: 16 }],
  },
];

function output(withNsenter: boolean): string {
  return [
    '### hostname',
    'node1',
    '### networks',
    JSON.stringify(NETWORKS),
    '### containers',
    JSON.stringify(CONTAINERS),
    '### links',
    JSON.stringify(LINKS),
    `### ns ${'a'.repeat(12)}`,
    withNsenter ? JSON.stringify(WEB_NS) : '[]',
    `### ns ${'c'.repeat(12)}`,
    '[]',
  ].join('\n');
}

describe('real driver: engine inspect data → state', () => {
  it('ties the container eth0 to docker0 through its veth peer (nsenter worked)', () => {
    const { host } = hostFromOutput('node1', output(true));
    const web = host.namespaces.find((n) => n.containers[0]?.name === 'web')!;
    expect(web.containers.map((c) => [c.name, c.mode, c.sharedWith])).toEqual([
      ['web', 'bridge', undefined],
      ['side', 'container', 'web'],
    ]);
    const eth0 = web.interfaces.find((i) => i.name === 'eth0')!;
    expect(eth0.peer).toBe('node1#veth1a2b3c4');
    expect(host.namespaces[0]!.containers.map((c) => c.name)).toEqual(['hn']);
    expect(host.bridges.map((b) => [b.name, b.subnet, b.driver])).toEqual([
      ['docker0', '172.17.0.0/16', 'bridge'],
      ['br0', '10.0.1.0/24', 'overlay'],
    ]);
    expect(host.ports).toEqual([{ hostIp: '0.0.0.0', hostPort: 1234, proto: 'tcp', container: 'a'.repeat(64), containerName: 'web', containerPort: 80, containerIp: '172.17.0.2' }]);
    const graph = buildGraph({ version: 1, driver: 'docker', hosts: [host], overlays: [] }, EN);
    expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'veth', from: web.id, to: 'node1#docker0' }));
  });

  it('falls back to the networks of inspect when nsenter is not there', async () => {
    const state = await dockerSandboxState({ nodes: ['node1'], exec: async () => ({ exit: 0, output: output(false) }) });
    expect(state.driver).toBe('docker');
    const web = state.hosts[0]!.namespaces.find((n) => n.containers[0]?.name === 'web')!;
    expect(web.interfaces.map((i) => [i.name, i.addresses])).toEqual([
      ['lo', ['127.0.0.1/8']],
      ['eth0', ['172.17.0.2/16']],
    ]);
    const graph = buildGraph(state, EN);
    expect(graph.edges).toContainEqual(expect.objectContaining({ kind: 'veth', from: web.id, to: 'node1#docker0', toKind: 'lane' }));
    expect(state.overlays).toEqual([{ id: 'o'.repeat(64), name: 'ov', subnet: '10.0.1.0/24', members: [{ host: 'node1', bridge: `node1/net-${'o'.repeat(12)}#br0`, vtep: '192.168.56.11' }] }]);
  });
});
