# docker network create / connect / disconnect / rm / inspect / ls: the error paths and odd flags.
docker network create
docker network create a b
docker network create --subnet 10.30.0.0/24 --gateway 10.31.0.1 gwout
docker network create --subnet 10.30.0.0/24 --ip-range 10.30.1.0/28 rangeout
docker network create --subnet 10.30.0.0/24 --ip-range 10.30.0.128/25 --gateway 10.30.0.1 ranged
docker network create --subnet 10.30.0.0/24 again
docker network create --subnet 10.30.0.5/24 hostbits
docker network create --gateway 10.40.0.1 --subnet 10.40.0.0/24 --subnet 10.41.0.0/24 twosubnets
docker network create --subnet 10.42.0.0/24 --subnet 10.43.0.0/24 --gateway 10.42.0.1 --gateway 10.43.0.1 twogw
docker network create --internal inner
docker network create -d bridge --attachable attach
docker network create -d overlay ov
docker network create -d macvlan mv
docker network create -o com.docker.network.bridge.name=mybr0 named
ip link show mybr0
docker network create --label env=lab labelled
docker network ls --filter label=env=lab
docker network ls --filter driver=bridge
docker network ls --filter name=in
docker network ls --filter type=custom
docker network ls --filter type=builtin
docker network ls --filter foo=bar
docker network ls -q
docker network ls --no-trunc --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network ls --format '{{.Name}}\t{{.Internal}}'
docker network inspect ranged inner
docker network inspect ranged nosuch
docker network inspect -f '{{.IPAM.Config}}' ranged
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{.IPRange}}{{end}}' ranged
docker network inspect -f '{{.Internal}} {{.Attachable}} {{.Driver}} {{.Scope}}' inner
docker network inspect -f '{{.Options}}' named
docker network inspect -f '{{json .Labels}}' labelled
docker network connect
docker network connect inner
docker network disconnect inner
docker run -dit --name c1 busybox
docker network connect inner c1
docker network connect inner c1
docker network disconnect inner c1
docker network disconnect inner c1
docker network disconnect --force inner c1
docker network connect --ip 10.30.0.200 ranged c1
docker network connect --ip 10.99.0.5 ranged c1
docker network connect --ip 10.30.0.10 ranged c1
docker exec c1 ip -4 addr show
docker network connect --alias db --alias db2 inner c1
docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}' inner
docker network connect none c1
docker network connect host c1
docker network disconnect bridge c1
docker network disconnect bridge c1
docker network rm inner
docker network rm ranged inner attach
docker network prune -f
docker network ls --format '{{.Name}}'
docker rm -f c1
docker network prune -f
docker network ls --format '{{.Name}}'
