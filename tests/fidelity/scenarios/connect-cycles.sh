# Interface names after repeated connect/disconnect, --internal routes, the neighbour table after traffic.
docker network create n1
docker network create n2
docker network create --internal inner
docker run -dit --name c1 busybox
docker network connect n1 c1
docker network connect n2 c1
docker exec c1 ip -o link
docker network disconnect n1 c1
docker exec c1 ip -o link
docker network connect n1 c1
docker exec c1 ip -o link
docker exec c1 ip route
docker network disconnect bridge c1
docker exec c1 ip route
docker network connect bridge c1
docker exec c1 ip route
docker exec c1 ip -4 -o addr
docker run -dit --name i1 --network inner busybox
docker run -dit --name i2 --network inner busybox
docker exec i1 ip route
docker exec i1 cat /etc/resolv.conf
docker exec i1 ping -c 1 i2
docker exec i1 ping -c 1 -W 1 172.17.0.1
docker exec i1 ip neigh
ip route
iptables -S
docker network inspect -f '{{.Internal}}' inner
docker exec c1 ip neigh
docker exec c1 ping -c 1 172.17.0.1
docker exec c1 ip neigh
ip neigh show dev docker0
docker run -dit --name c2 busybox
docker exec c2 ping -c 1 172.17.0.2
docker exec c2 ip neigh
docker exec c1 arp -n
docker network connect inner c1
docker exec c1 ip route
docker network disconnect n1 c1
docker network disconnect n2 c1
docker network disconnect inner c1
docker network disconnect bridge c1
docker exec c1 ip -o link
docker exec c1 ip route
docker network connect n2 c1
docker exec c1 ip -o link
docker restart c1
docker exec c1 ip -o link
docker rm -f c1 c2 i1 i2
docker network rm n1 n2 inner
