# Swarm and overlay errors: before init, in-use overlays, non-attachable networks, leave.
docker network create -d overlay ov0
docker node ls
docker swarm join-token worker
docker swarm leave
docker swarm init
docker swarm init --advertise-addr 10.0.2.15
docker swarm init --advertise-addr 10.0.2.15
docker swarm join-token -q worker | wc -c
docker swarm join-token nosuch
docker network create -d overlay ov1
docker run -dit --name o1 --network ov1 busybox
docker network create -d overlay --attachable ov2
docker network create -d overlay --attachable --subnet 10.10.10.0/24 ov3
docker network create -d overlay --internal ov4
docker network create -d overlay --opt encrypted ov5
docker network inspect -f '{{.Scope}} {{.Attachable}} {{.Internal}} {{.IPAM.Config}}' ov3
docker network inspect -f '{{.Options}}' ov5
docker run -dit --name o2 --network ov2 busybox
docker run -dit --name o3 --network ov3 busybox
docker exec o3 ip -4 -o addr
docker network rm ov2
docker network rm ov3 ov4
docker network disconnect ov2 o2
docker network rm ov2
docker network connect ov3 o2
docker network connect ov1 o2
docker exec o2 ip -o link
docker network rm ingress
docker network rm docker_gwbridge
docker network inspect -f '{{.Scope}}' docker_gwbridge
docker network create -d bridge --scope swarm sb
docker network ls --filter scope=swarm --format '{{.Name}}'
docker node inspect self -f '{{.Status.State}} {{.Spec.Role}}'
docker node ls -q | wc -l
docker swarm leave
docker rm -f o2 o3
docker swarm leave --force
docker network ls --format '{{.Name}} {{.Scope}}'
docker network rm ov1
docker network ls --format '{{.Name}}'
docker rm -f $(docker ps -aq)
