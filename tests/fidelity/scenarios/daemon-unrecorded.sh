# Daemon behaviours the simulator had modelled from memory: attach to a paused container, the
# host-port allocator running out of a tiny range, an overlay's subnet after `network rm`,
# nsenter into a container's SandboxKey, busybox nc with empty input.
# (attach only while p0 is paused: where pause fails, e.g. a sandbox without the freezer cgroup,
# an attach would take over the terminal)
docker run -dit --name p1 busybox
docker run -d --name p0 busybox sleep 600
docker pause p0 && docker attach p0
docker inspect -f '{{.State.Status}}' p0 | grep -q paused && docker attach --no-stdin p0
docker unpause p0
docker run -d --name r1 -p 127.0.0.1:8000-8001:80 nginx
docker run -d --name r2 -p 127.0.0.1:8000-8001:80 nginx
docker run -d --name r3 -p 127.0.0.1:8000-8001:80 nginx
docker port r1
docker port r2
docker ps -a --filter name=r3 --format '{{.Names}} {{.Status}}'
docker run -d --name r4 -p 8000-8001:80 nginx
docker port r4
docker rm -f r1
docker start r3
docker port r3
docker run -d --name r5 -p 127.0.0.1:8000-8000:80 nginx
docker run -d --name r6 -p 127.0.0.1::80 -p 127.0.0.1::80 nginx
docker port r6
docker run -d --name n1 nginx
docker inspect -f '{{.NetworkSettings.SandboxKey}}' n1 | sed 's/[0-9a-f]\{12\}$/ID/'
nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' n1) ip -br addr
nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' n1) ip route
nsenter --net=$(docker inspect -f '{{.NetworkSettings.SandboxKey}}' n1) ip -br link
docker exec p1 sh -c "echo -n | nc $(docker inspect -f '{{.NetworkSettings.IPAddress}}' n1) 80"; echo rc=$?
docker exec p1 sh -c "echo | nc $(docker inspect -f '{{.NetworkSettings.IPAddress}}' n1) 80 | head -1"
docker exec p1 sh -c "printf 'GET / HTTP/1.0\r\n\r\n' | nc $(docker inspect -f '{{.NetworkSettings.IPAddress}}' n1) 80 | head -1"
docker exec p1 sh -c 'echo -n | nc 172.17.0.250 80'; echo rc=$?
docker swarm init --advertise-addr 10.0.2.15
docker network create -d overlay ov1
docker network inspect -f '{{.IPAM.Config}}' ov1
docker network create -d overlay ov2
docker network inspect -f '{{.IPAM.Config}}' ov2
docker network rm ov1
docker network create -d overlay ov3
docker network inspect -f '{{.IPAM.Config}}' ov3
docker network rm ov2 ov3
docker network create -d overlay ov4
docker network inspect -f '{{.IPAM.Config}}' ov4
docker swarm leave --force
docker rm -f $(docker ps -aq) | wc -l
