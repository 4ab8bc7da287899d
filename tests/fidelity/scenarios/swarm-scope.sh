# Swarm-scoped networks of a local driver (`network create -d bridge --scope swarm`) and what a
# learner tries next with one: ls/inspect, run/connect, rm, leave; scope typos, overlay with
# --scope local, --config-only / --config-from networks.
docker network create -d bridge --scope swarm sb0
docker network create -d bridge --scope swarn sb0
docker network create -d bridge --scope local lb0
docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network rm lb0
docker swarm init --advertise-addr 10.0.2.15
timeout 20 sh -c 'until docker network inspect docker_gwbridge >/dev/null 2>&1; do sleep 1; done'
docker network create -d bridge --scope swarm sb
docker network create -d bridge --scope swarm --attachable sba
docker network create -d bridge --scope global sbg
docker network create -d bridge --scope Swarm sbx
docker network create -d overlay --scope local ovl
docker network create -d overlay --scope swarm ovs
docker network create -d bridge --scope swarm sb
docker network create -d bridge sb
docker network create -d bridge --scope swarm --subnet 10.99.0.0/24 sbs
docker network ls --filter driver=bridge
docker network ls --filter scope=swarm --format '{{.Name}} {{.Driver}}'
docker network ls --filter scope=local --format '{{.Name}} {{.Driver}}'
docker network ls --filter driver=bridge --format '{{.Name}} {{.Scope}}'
docker network inspect sb
docker network inspect -f '{{.Scope}} {{.Driver}} {{.Attachable}} {{.ConfigOnly}} {{.ConfigFrom.Network}} {{.IPAM.Config}}' sb
docker network inspect -f '{{.Scope}} {{.Attachable}} {{.IPAM.Config}} {{len .Containers}}' sba
docker network inspect -f '{{.IPAM.Config}}' sbs
docker run -d --name s1 --network sb busybox sleep 600
docker run -dit --name s2 --network sba busybox
docker network inspect -f '{{.Scope}} {{.IPAM.Config}} {{len .Containers}}' sba
docker exec s2 ip -4 -o addr
docker exec s2 ip route
ip -br link | grep -c br-
docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker run -dit --name s3 busybox
docker network connect sb s3
docker network connect sba s3
docker exec s3 ip -4 -o addr
docker exec s3 ping -c 1 -W 1 s2
docker network rm sba
docker network disconnect sba s3
docker rm -f s2
docker network inspect -f '{{.Scope}} {{.IPAM.Config}} {{len .Containers}}' sba
docker network rm sba
docker network rm sb sbs
docker network create --config-only --subnet 192.168.77.0/24 cfg
docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network inspect -f '{{.ConfigOnly}} {{.Scope}} {{.Driver}} {{.IPAM.Config}}' cfg
docker run --rm --network cfg busybox true
docker network create -d bridge --scope swarm --config-from cfg sbc
docker network inspect -f '{{.ConfigFrom.Network}} {{.Scope}} {{.Driver}} {{.IPAM.Config}}' sbc
docker network create --config-from cfg --subnet 10.9.0.0/24 bad
docker network create --config-from nosuch x
docker network create --config-only --scope swarm cfg2
docker network rm cfg
docker network rm sbc cfg
docker network create -d bridge --scope swarm sbl
docker swarm leave --force
docker network ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network create -d bridge --scope swarm sb2
docker rm -f s1 s3
