# Swarm on one node and an attachable overlay network (no second node: the recording host is alone).
docker swarm init --advertise-addr 10.0.2.15
docker node ls
docker info --format '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}} {{.Swarm.Nodes}} {{.Swarm.Managers}}'
docker network ls
docker network inspect ingress
docker network inspect docker_gwbridge
docker network create -d overlay --attachable ov1
docker network create -d overlay ov2
docker network ls
docker network inspect ov1
docker run -dit --name o1 --network ov1 busybox
docker run -dit --name o2 --network ov1 busybox
docker run -dit --name o3 --network ov2 busybox
docker exec o1 ping -c 2 o2
docker exec o1 ip addr
docker exec o1 ip route
docker exec o1 cat /etc/resolv.conf
docker network inspect ov1
ip link show type bridge
ip route
iptables -t nat -S
docker rm -f o1 o2
docker network rm ov1 ov2
docker swarm leave
docker swarm leave --force
docker node ls
docker network ls
