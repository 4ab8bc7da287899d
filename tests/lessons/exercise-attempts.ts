/**
 * What learners plausibly type for each exercise, besides the solution in the frontmatter: wrong
 * answers the checks must reject, and other right answers they must accept. Each attempt is typed
 * after the lesson's commands above the exercise (see exercise-attempts.test.ts), on the exercise's
 * node unless a line names another. Keyed `<slug>#<exercise id>`; every exercise needs at least two
 * wrong attempts and one right one.
 */

/** A line typed at the prompt: on the exercise's node, or on the named one. */
export type AttemptLine = string | { cmd: string; node: string };

export interface Attempt {
  /** What the learner was thinking, as the test's name. */
  why: string;
  lines: readonly AttemptLine[];
}

export interface ExerciseAttempts {
  wrong: readonly Attempt[];
  right: readonly Attempt[];
}

const SITE_IP = "$(docker inspect -f '{{.NetworkSettings.IPAddress}}' site)";
/** The host end of c1's veth pair in lesson 1.1 (c1 has iproute2 from the lesson). */
const C1_PEER = "peer=$(docker exec c1 ip link show eth0 | head -n 1 | awk -F'@if' '{print $2}' | awk -F: '{print $1}')";

/**
 * Lesson 6.1's none-mode container solo, given a veth by hand: the host end into `bridge` (none:
 * left unplugged), `address` on solo's end, and a default route via `gateway` (none: no route).
 */
function soloByHand(wiring: { bridge?: string; address: string; gateway?: string }): string[] {
  return [
    'docker run -dit --name solo --network none busybox',
    "pid=$(docker inspect -f '{{.State.Pid}}' solo)",
    'ip link add veth-solo type veth peer name solo-eth0',
    'ip link set solo-eth0 netns $pid',
    ...(wiring.bridge !== undefined ? [`ip link set veth-solo master ${wiring.bridge}`] : []),
    'ip link set veth-solo up',
    `nsenter -t $pid -n ip addr add ${wiring.address} dev solo-eth0`,
    'nsenter -t $pid -n ip link set solo-eth0 up',
    ...(wiring.gateway !== undefined ? [`nsenter -t $pid -n ip route add default via ${wiring.gateway}`] : []),
  ];
}

export const ATTEMPTS: Readonly<Record<string, ExerciseAttempts>> = {
  '1-1-veth-and-docker0#unplug-probe': {
    wrong: [
      { why: 'takes docker0 itself down', lines: ['docker run -dit --name probe busybox', 'ip link set docker0 down'] },
      { why: 'starts probe without -it, so it exits', lines: ['docker run -d --name probe busybox'] },
      {
        why: "unplugs c1's veth instead of probe's",
        lines: ['docker run -dit --name probe busybox', C1_PEER, "ip link set $(ip link show | grep \"^$peer: \" | awk -F@ '{print $1}' | awk '{print $2}') down"],
      },
    ],
    right: [
      {
        why: "removes c1, so the only veth on docker0 is probe's, and takes it down",
        lines: ['docker rm -f c1', 'docker run -dit --name probe busybox', "ip link set $(ip link show master docker0 | grep -o 'veth[0-9a-f]*' | head -n 1) down"],
      },
    ],
  },
  '1-2-connecting-host-and-container#container-without-network': {
    wrong: [
      { why: "host mode: no eth0 of its own, but the host's namespace", lines: ['docker run -dit --name hermit --network host busybox'] },
      { why: 'none mode without -it: the container exits', lines: ['docker run -d --name hermit --network none busybox'] },
      { why: 'the default bridge', lines: ['docker run -dit --name hermit busybox'] },
    ],
    right: [{ why: 'default bridge, then disconnected from it', lines: ['docker run -dit --name hermit busybox', 'docker network disconnect bridge hermit'] }],
  },
  '2-1-inspecting-networks#lab-network': {
    wrong: [
      { why: 'a network without a subnet (172.18.0.0/16)', lines: ['docker network create lab', 'docker run -dit --name lab1 --network lab busybox'] },
      {
        why: 'lab1 connected to lab but left on the default bridge too',
        lines: ['docker network create --subnet 10.10.0.0/24 lab', 'docker run -dit --name lab1 busybox', 'docker network connect lab lab1'],
      },
      { why: 'lab1 started without -it exits', lines: ['docker network create --subnet 10.10.0.0/24 lab', 'docker run -d --name lab1 --network lab busybox'] },
    ],
    right: [
      {
        why: 'a /16 subnet, lab1 moved over from the default bridge',
        lines: ['docker network create --subnet 10.10.0.0/16 lab', 'docker run -dit --name lab1 busybox', 'docker network connect lab lab1', 'docker network disconnect bridge lab1'],
      },
    ],
  },
  '3-1-bridge-mode#fetch-over-bridge': {
    wrong: [
      { why: 'starts site and expects the check to fetch', lines: ['docker run -d --name site nginx'] },
      { why: 'fetches from the host instead of b1', lines: ['docker run -d --name site nginx', `wget -qO- ${SITE_IP}`] },
      { why: 'fetches from b2 instead of b1', lines: ['docker run -d --name site nginx', `docker exec b2 wget -qO- ${SITE_IP}`] },
    ],
    right: [{ why: 'reads the address, then b1 fetches a URL with it', lines: ['docker run -d --name site nginx', 'docker exec b1 wget -q -O - http://172.17.0.4/'] }],
  },
  '3-2-host-mode#host-mode-web': {
    wrong: [
      { why: 'leaves hostweb on port 80: edge exits', lines: ['docker run -d --name edge --network host nginx'] },
      { why: 'leaves hostweb and runs edge as a sleeping nginx image', lines: ['docker run -d --name edge --network host nginx sleep 3600'] },
      { why: 'removes hostweb but publishes edge with -p in bridge mode', lines: ['docker rm -f hostweb', 'docker run -d --name edge -p 80:80 nginx'] },
    ],
    right: [
      { why: 'stops hostweb, then starts edge', lines: ['docker stop hostweb', 'docker run -d --name edge --network host nginx'] },
      { why: 'starts edge first (it exits), removes hostweb, starts edge again', lines: ['docker run -d --name edge --network host nginx', 'docker rm -f hostweb', 'docker start edge'] },
    ],
  },
  '3-3-container-mode#share-with-nginx': {
    wrong: [
      { why: "joins app's namespace instead of front's", lines: ['docker run -d --name front nginx', 'docker run -dit --name probe --network container:app busybox'] },
      { why: "probe on the default bridge, using front's address", lines: ['docker run -d --name front nginx', 'docker run -dit --name probe busybox'] },
      { why: 'joins front, then stops it', lines: ['docker run -d --name front nginx', 'docker run -dit --name probe --network container:front busybox', 'docker stop front'] },
    ],
    right: [
      {
        why: 'front on a network of its own, probe joins it by ID',
        lines: ['docker network create webnet', 'docker run -d --name front --network webnet nginx', "docker run -dit --name probe --network container:$(docker inspect -f '{{.Id}}' front) busybox"],
      },
    ],
  },
  '3-4-none-mode#sealed-box': {
    wrong: [
      {
        why: 'a page saying "unsealed"',
        lines: ['docker run -dit --name vault --network none busybox', "docker exec vault sh -c 'mkdir -p /www && echo unsealed > /www/index.html && httpd -h /www'"],
      },
      { why: 'vault on the default bridge', lines: ['docker run -dit --name vault busybox', "docker exec vault sh -c 'mkdir -p /www && echo sealed > /www/index.html && httpd -h /www'"] },
      { why: 'httpd with no home page', lines: ['docker run -dit --name vault --network none busybox', "docker exec vault sh -c 'mkdir -p /www && httpd -h /www'"] },
    ],
    right: [{ why: "httpd as the container's main process", lines: ["docker run -d --name vault --network none busybox sh -c 'mkdir -p /srv && echo sealed > /srv/index.html && httpd -f -h /srv'"] }],
  },
  '4-1-by-ip#pinned-address': {
    wrong: [
      { why: '--ip without --network', lines: ['docker run -dit --name db --ip 172.30.0.10 busybox', 'docker run -dit --name dbclient busybox'] },
      {
        why: 'a network without a subnet of its own',
        lines: ['docker network create fixednet', 'docker run -dit --name db --network fixednet --ip 172.30.0.10 busybox', 'docker run -dit --name dbclient --network fixednet busybox'],
      },
      {
        why: 'dbclient left on the default bridge',
        lines: ['docker network create --subnet 172.30.0.0/24 fixednet', 'docker run -dit --name db --network fixednet --ip 172.30.0.10 busybox', 'docker run -dit --name dbclient busybox'],
      },
    ],
    right: [
      {
        why: 'a /16, db connected with --ip while also on the default bridge',
        lines: [
          'docker network create --subnet 172.30.0.0/16 fixednet',
          'docker run -dit --name db busybox',
          'docker network connect --ip 172.30.0.10 fixednet db',
          'docker run -dit --name dbclient --network fixednet busybox',
        ],
      },
    ],
  },
  '4-2-by-name#web-by-name': {
    wrong: [
      { why: '--link on the default bridge', lines: ['docker run -d --name api nginx', 'docker run -dit --name caller --link api busybox'] },
      {
        why: 'only caller moved to a new network',
        lines: ['docker run -d --name api nginx', 'docker run -dit --name caller busybox', 'docker network create appnet', 'docker network connect appnet caller'],
      },
      {
        why: "api's address written into caller's /etc/hosts",
        lines: [
          'docker run -d --name api nginx',
          'docker run -dit --name caller busybox',
          'docker exec caller sh -c "echo $(docker inspect -f \'{{.NetworkSettings.IPAddress}}\' api) api >> /etc/hosts"',
        ],
      },
    ],
    right: [
      {
        why: "both connected to the lesson's bridge2",
        lines: ['docker run -d --name api nginx', 'docker run -dit --name caller busybox', 'docker network connect bridge2 api', 'docker network connect bridge2 caller'],
      },
      { why: 'both started on a new network', lines: ['docker network create appnet', 'docker run -d --name api --network appnet nginx', 'docker run -dit --name caller --network appnet busybox'] },
    ],
  },
  '4-3-joined#mini-pod': {
    wrong: [
      {
        why: 'pod-tool joins pod-web instead of pod',
        lines: ['docker run -dit --name pod busybox', 'docker run -d --name pod-web --network container:pod nginx', 'docker run -dit --name pod-tool --network container:pod-web busybox'],
      },
      {
        why: 'pod is itself an nginx, so pod-web cannot bind port 80 and exits',
        lines: ['docker run -d --name pod nginx', 'docker run -d --name pod-web --network container:pod nginx', 'docker run -dit --name pod-tool --network container:pod busybox'],
      },
      { why: 'pod-web on the default bridge', lines: ['docker run -dit --name pod busybox', 'docker run -d --name pod-web nginx', 'docker run -dit --name pod-tool --network container:pod busybox'] },
    ],
    right: [
      {
        why: 'pod sleeps instead of running sh, the others join it by ID',
        lines: [
          'docker run -d --name pod busybox sleep 86400',
          "docker run -d --name pod-web --network container:$(docker inspect -f '{{.Id}}' pod) nginx",
          "docker run -dit --name pod-tool --network container:$(docker inspect -f '{{.Id}}' pod) busybox",
        ],
      },
    ],
  },
  '4-4-across-nodes#overlay-ready': {
    wrong: [
      {
        why: 'an overlay network without --attachable',
        lines: ['docker run -dit --name probe busybox', 'docker network create -d overlay backnet', 'docker network connect backnet probe'],
      },
      { why: 'a bridge network named backnet', lines: ['docker run -dit --name probe busybox', 'docker network create backnet', 'docker network connect backnet probe'] },
      {
        why: "probe on the lesson's overnet, backnet left empty",
        lines: ['docker run -dit --name probe busybox', 'docker network create -d overlay --attachable backnet', 'docker network connect overnet probe'],
      },
    ],
    right: [
      { why: 'probe started on backnet directly', lines: ['docker network create -d overlay --attachable backnet', 'docker run -dit --name probe --network backnet busybox'] },
      {
        why: 'probe on the default bridge, then connected (backnet is eth1)',
        lines: ['docker run -dit --name probe busybox', 'docker network create -d overlay --attachable backnet', 'docker network connect backnet probe'],
      },
    ],
  },
  '5-1-reaching-out#outbound-ok': {
    wrong: [
      { why: 'recreates quiet without the option, so Docker adds the rule', lines: ['docker network create --subnet 10.20.0.0/24 quiet', 'docker run -dit --name outbound --network quiet busybox'] },
      {
        why: "MASQUERADE for the default bridge's subnet",
        lines: [
          'docker network create --subnet 10.20.0.0/24 -o com.docker.network.bridge.enable_ip_masquerade=false quiet',
          'docker run -dit --name outbound --network quiet busybox',
          'iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -o eth0 -j MASQUERADE',
        ],
      },
      {
        why: 'turns forwarding on again, which was never the problem',
        lines: [
          'docker network create --subnet 10.20.0.0/24 -o com.docker.network.bridge.enable_ip_masquerade=false quiet',
          'docker run -dit --name outbound --network quiet busybox',
          'sysctl -w net.ipv4.ip_forward=1',
        ],
      },
    ],
    right: [
      {
        why: "SNAT to the host's address",
        lines: [
          'docker network create --subnet 10.20.0.0/24 -o com.docker.network.bridge.enable_ip_masquerade=false quiet',
          'docker run -dit --name outbound --network quiet busybox',
          'iptables -t nat -A POSTROUTING -s 10.20.0.0/24 -o eth0 -j SNAT --to-source 10.0.2.15',
        ],
      },
      {
        why: "MASQUERADE for everything not going back into quiet's subnet",
        lines: [
          'docker network create --subnet 10.20.0.0/24 -o com.docker.network.bridge.enable_ip_masquerade=false quiet',
          'docker run -dit --name outbound --network quiet busybox',
          'iptables -t nat -I POSTROUTING -s 10.20.0.0/24 ! -d 10.20.0.0/24 -j MASQUERADE',
        ],
      },
    ],
  },
  '5-2-publishing-ports#publish-shop': {
    wrong: [
      { why: 'published on every address', lines: ['docker run -d --name shop -p 8088:80 nginx'] },
      { why: 'published on 127.0.0.1 only', lines: ['docker run -d --name shop -p 127.0.0.1:8088:80 nginx'] },
      { why: 'host and container ports swapped', lines: ['docker run -d --name shop -p 10.0.2.15:80:8088 nginx'] },
    ],
    right: [{ why: 'created, then started, with the protocol spelled out', lines: ['docker create --name shop -p 10.0.2.15:8088:80/tcp nginx', 'docker start shop'] }],
  },
  '6-1-networking-by-hand#solo-by-hand': {
    wrong: [
      { why: 'Docker cannot connect a none-mode container to another network', lines: ['docker run -dit --name solo --network none busybox', 'docker network connect bridge solo'] },
      { why: 'wired into docker0 with an address, but no default route', lines: soloByHand({ bridge: 'docker0', address: '172.17.0.200/16' }) },
      { why: 'the host end of the veth is up but plugged into no bridge', lines: soloByHand({ address: '172.17.0.200/16', gateway: '172.17.0.1' }) },
      { why: 'recreates solo on the default bridge: Docker did the wiring', lines: ['docker run -dit --name solo busybox'] },
    ],
    right: [
      {
        why: "plugged into the lesson's br0, whose forwarding and MASQUERADE rules are already there",
        lines: soloByHand({ bridge: 'br0', address: '10.10.0.9/24', gateway: '10.10.0.1' }),
      },
    ],
  },
  '6-2-watching-packets#masquerade-evidence': {
    wrong: [
      {
        why: 'captured on docker0, before the source is rewritten',
        lines: ['docker run -dit --name probe busybox', 'tcpdump -n -c 2 -i docker0 icmp > /tmp/evidence.txt &', 'docker exec probe ping -c 1 8.8.8.8'],
      },
      {
        why: 'captured on any: both sides of the rewrite are in the file',
        lines: ['docker run -dit --name probe busybox', 'tcpdump -n -c 6 -i any icmp > /tmp/evidence.txt &', 'docker exec probe ping -c 1 8.8.8.8'],
      },
      {
        why: "captured on probe's veth",
        lines: [
          'docker run -dit --name probe busybox',
          'idx=$(docker exec probe cat /sys/class/net/eth0/iflink)',
          "veth=$(ip -o link | grep ^$idx: | awk -F'[ @]' '{print $2}')",
          'tcpdump -n -c 2 -i $veth icmp > /tmp/evidence.txt &',
          'docker exec probe ping -c 1 8.8.8.8',
        ],
      },
      {
        why: 'the right interface, but the capture starts after the ping is over',
        lines: ['docker run -dit --name probe busybox', 'docker exec probe ping -c 1 8.8.8.8', 'tcpdump -n -c 2 -i eth0 icmp > /tmp/evidence.txt &'],
      },
    ],
    right: [
      {
        why: 'eth0 filtered by host, stopped with kill',
        lines: ['docker run -dit --name probe busybox', 'tcpdump -n -i eth0 host 8.8.8.8 > /tmp/evidence.txt &', 'docker exec probe ping -c 1 8.8.8.8', 'kill %1'],
      },
      {
        why: "any, filtered on the host's address",
        lines: ['docker run -dit --name probe busybox', "tcpdump -n -c 2 -i any 'icmp and host 10.0.2.15' > /tmp/evidence.txt &", 'docker exec probe ping -c 1 8.8.8.8'],
      },
    ],
  },
  '6-3-firewalling-containers#egress-policy': {
    wrong: [
      { why: "drops 8.8.8.8 in OUTPUT: the host's own packets, not the containers'", lines: ['docker run -dit --name probe busybox', 'iptables -I OUTPUT -d 8.8.8.8 -j DROP'] },
      { why: 'drops what comes from 8.8.8.8 in INPUT, like a host firewall', lines: ['docker run -dit --name probe busybox', 'iptables -I INPUT -s 8.8.8.8 -j DROP'] },
      { why: 'turns forwarding off, so every outside address goes', lines: ['docker run -dit --name probe busybox', 'sysctl -w net.ipv4.ip_forward=0'] },
      { why: 'drops everything the containers send in DOCKER-USER', lines: ['docker run -dit --name probe busybox', 'iptables -I DOCKER-USER -i docker0 -j DROP'] },
      { why: 'the right rule, with probe started without -it (it exits)', lines: ['docker run -d --name probe busybox', 'iptables -I DOCKER-USER -d 8.8.8.8 -j DROP'] },
    ],
    right: [
      { why: 'the rule at the top of FORWARD itself, for the default bridge', lines: ['docker run -dit --name probe busybox', 'iptables -I FORWARD 1 -s 172.17.0.0/16 -d 8.8.8.8 -j DROP'] },
      { why: 'DOCKER-USER, only what enters from docker0', lines: ['iptables -I DOCKER-USER -i docker0 -d 8.8.8.8 -j DROP', 'docker run -dit --name probe busybox'] },
    ],
  },
  '6-3-firewalling-containers#sealed-backend': {
    wrong: [
      {
        why: 'an ordinary user network: vault can get out',
        lines: ['docker network create vaultnet', 'docker run -d --name vault --network vaultnet nginx', 'docker run -dit --name teller busybox', 'docker network connect vaultnet teller'],
      },
      {
        why: 'teller only on the internal network: no way out for it either',
        lines: ['docker network create --internal vaultnet', 'docker run -d --name vault --network vaultnet nginx', 'docker run -dit --name teller --network vaultnet busybox'],
      },
      { why: 'vault with no network at all: teller cannot reach it', lines: ['docker run -d --name vault --network none nginx', 'docker run -dit --name teller busybox'] },
      {
        why: 'vault on the internal network but left on the default bridge too',
        lines: [
          'docker network create --internal vaultnet',
          'docker run -d --name vault nginx',
          'docker network connect vaultnet vault',
          'docker run -dit --name teller busybox',
          'docker network connect vaultnet teller',
        ],
      },
    ],
    right: [
      {
        why: 'teller starts on the internal network and gets a second, ordinary user network',
        lines: [
          'docker network create --internal vaultnet',
          'docker run -d --name vault --network vaultnet nginx',
          'docker run -dit --name teller --network vaultnet busybox',
          'docker network create front',
          'docker network connect front teller',
        ],
      },
      {
        why: "reuses the lesson's internal network inner",
        lines: ['docker run -d --name vault --network inner nginx', 'docker run -dit --name teller busybox', 'docker network connect inner teller'],
      },
    ],
  },
  '6-4-docker-proxy-and-hairpin#traced-auditor': {
    wrong: [
      {
        why: "auditor asks 127.0.0.1:9000: its own loopback, not the host's",
        lines: ['docker run -d --name ledger -p 127.0.0.1:9000:80 nginx', 'docker run -dit --name auditor busybox', 'docker exec auditor wget -qO- 127.0.0.1:9000'],
      },
      {
        why: "auditor asks the host's LAN address, where nothing listens on 9000",
        lines: ['docker run -d --name ledger -p 127.0.0.1:9000:80 nginx', 'docker run -dit --name auditor busybox', 'docker exec auditor wget -qO- 10.0.2.15:9000'],
      },
      {
        why: "ledger published everywhere so that the host's address works: through the proxy, and on the LAN too",
        lines: ['docker run -d --name ledger -p 9000:80 nginx', 'docker run -dit --name auditor busybox', 'docker exec auditor wget -qO- 10.0.2.15:9000'],
      },
      {
        why: "auditor asks docker0's address, the host's side of the bridge",
        lines: ['docker run -d --name ledger -p 127.0.0.1:9000:80 nginx', 'docker run -dit --name auditor busybox', 'docker exec auditor wget -qO- 172.17.0.1:9000'],
      },
    ],
    right: [
      {
        why: 'a user network for both, ledger by name',
        lines: [
          'docker network create books',
          'docker run -d --name ledger --network books -p 127.0.0.1:9000:80 nginx',
          'docker run -dit --name auditor --network books busybox',
          'docker exec auditor wget -qO- ledger',
        ],
      },
      {
        why: "ledger's address read with docker inspect and typed in",
        lines: ['docker run -d --name ledger -p 127.0.0.1:9000:80 nginx', 'docker run -dit --name auditor busybox', 'docker exec auditor wget -qO- http://172.17.0.4/'],
      },
    ],
  },
  '7-1-missing-masquerade#outbound-restored': {
    wrong: [
      { why: 'turns forwarding on, which was never off', lines: ['sysctl -w net.ipv4.ip_forward=1'] },
      { why: 'MASQUERADE for app alone, not for the next container', lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.2 -j MASQUERADE'] },
      { why: 'the rule on the way into the bridge (-o docker0)', lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -o docker0 -j MASQUERADE'] },
      { why: 'opens the FORWARD chain instead of translating the address', lines: ['iptables -P FORWARD ACCEPT', 'iptables -I FORWARD -j ACCEPT'] },
    ],
    right: [
      { why: "SNAT to the host's address, out through eth0", lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -o eth0 -j SNAT --to-source 10.0.2.15'] },
      { why: 'MASQUERADE inserted at the top, for everything leaving eth0', lines: ['iptables -t nat -I POSTROUTING -s 172.17.0.0/16 -o eth0 -j MASQUERADE'] },
    ],
  },
  '7-2-forwarding-off#forwarding-restored': {
    wrong: [
      { why: "adds the previous lab's MASQUERADE rule again", lines: ['iptables -t nat -A POSTROUTING -s 172.17.0.0/16 -o eth0 -j MASQUERADE'] },
      { why: 'opens the FORWARD chain, which no packet reaches', lines: ['iptables -P FORWARD ACCEPT'] },
      { why: 'turns forwarding on inside the container', lines: ['docker exec app sysctl -w net.ipv4.ip_forward=1'] },
      { why: 'restarts app', lines: ['docker restart app'] },
    ],
    right: [{ why: 'writes 1 to the file under /proc/sys', lines: ['echo 1 > /proc/sys/net/ipv4/ip_forward'] }],
  },
  '7-3-docker-user-drop#app-reaches-shop': {
    wrong: [
      { why: 'flushes DOCKER-USER: app gets through, and guest with it', lines: ['iptables -F DOCKER-USER'] },
      { why: 'adds a DROP for guest but leaves the broad rule in place', lines: ['iptables -I DOCKER-USER -s 172.17.0.3 -j DROP'] },
      { why: "accepts the shop's port for everyone in front of the DROP", lines: ['iptables -I DOCKER-USER -p tcp --dport 8080 -j ACCEPT'] },
      { why: 'removes the rule and stops guest instead', lines: ['iptables -D DOCKER-USER -d 192.168.56.0/24 -j DROP', 'docker stop guest'] },
    ],
    right: [
      { why: 'an ACCEPT for app in front of the DROP', lines: ['iptables -I DOCKER-USER -s 172.17.0.2 -j ACCEPT'] },
      { why: 'deletes the rule, then drops what guest sends out through eth1', lines: ['iptables -D DOCKER-USER 1', 'iptables -I DOCKER-USER -s 172.17.0.3 -o eth1 -j DROP'] },
    ],
  },
  '7-4-separate-networks#web-reaches-api': {
    wrong: [
      { why: "writes api into web's /etc/hosts", lines: ['docker exec web sh -c \'echo "172.19.0.2 api" >> /etc/hosts\''] },
      { why: 'recreates web with --link', lines: ['docker rm -f web', 'docker run -dit --name web --network front --link api busybox'] },
      { why: 'moves web from front to back', lines: ['docker network disconnect front web', 'docker network connect back web'] },
      { why: 'connects web to the default bridge', lines: ['docker network connect bridge web'] },
    ],
    right: [
      { why: 'connects api to front instead', lines: ['docker network connect front api'] },
      { why: 'a third network shared by both', lines: ['docker network create shared', 'docker network connect shared web', 'docker network connect shared api'] },
    ],
  },
  '7-5-names-on-default-bridge#box2-by-name': {
    wrong: [
      { why: 'recreates box1 with --link', lines: ['docker rm -f box1', 'docker run -dit --name box1 --link box2 busybox'] },
      { why: 'connects only box1 to a new network', lines: ['docker network create lab', 'docker network connect lab box1'] },
      {
        why: 'moves box2 to a new network, off the default bridge',
        lines: ['docker network create lab', 'docker network connect lab box1', 'docker network connect lab box2', 'docker network disconnect bridge box2'],
      },
      { why: "writes box2 into box1's /etc/hosts", lines: ['docker exec box1 sh -c \'echo "172.17.0.3 box2" >> /etc/hosts\''] },
    ],
    right: [
      {
        why: 'recreates box1 on a network with a subnet, then connects box2',
        lines: ['docker rm -f box1', 'docker network create --subnet 10.30.0.0/24 lab', 'docker run -dit --name box1 --network lab busybox', 'docker network connect lab box2'],
      },
    ],
  },
  '7-6-loopback-only-port#wiki-on-the-lan': {
    wrong: [
      { why: "publishes on node1's LAN address only: the host's 127.0.0.1 loses it", lines: ['docker rm -f wiki', 'docker run -d --name wiki -p 192.168.56.11:8080:80 nginx'] },
      { why: 'publishes on the NAT address 10.0.2.15, which the LAN does not reach', lines: ['docker rm -f wiki', 'docker run -d --name wiki -p 127.0.0.1:8080:80 -p 10.0.2.15:8080:80 nginx'] },
      { why: 'leaves wiki and starts a second nginx on another port', lines: ['docker run -d --name wiki2 -p 8081:80 nginx'] },
      { why: 'a DNAT rule by hand next to the old publish', lines: ['iptables -t nat -I PREROUTING -d 192.168.56.11 -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80'] },
    ],
    right: [
      { why: 'two -p flags: loopback and the LAN address', lines: ['docker stop wiki', 'docker rm wiki', 'docker run -d --name wiki -p 127.0.0.1:8080:80 -p 192.168.56.11:8080:80 nginx'] },
      { why: 'every address written out', lines: ['docker rm -f wiki', 'docker run -d --name wiki -p 0.0.0.0:8080:80/tcp nginx'] },
    ],
  },
  '7-7-overlay-not-attachable#o1-on-backnet': {
    wrong: [
      { why: 'a local bridge network called backnet2 instead', lines: ['docker network create backnet2', 'docker run -dit --name o1 --network backnet2 busybox'] },
      { why: 'starts o1 on the default bridge and connects it to backnet as it is', lines: ['docker run -dit --name o1 busybox', 'docker network connect backnet o1'] },
      {
        why: 'an attachable overlay under another name',
        lines: ['docker network create -d overlay --attachable backnet2', 'docker run -dit --name o1 --network backnet2 busybox'],
      },
    ],
    right: [
      {
        why: 'recreates the network, then connects a running o1 to it',
        lines: ['docker network rm backnet', 'docker network create --driver overlay --attachable backnet', 'docker run -dit --name o1 busybox', 'docker network connect backnet o1'],
      },
    ],
  },
};
