# Basics: the default bridge, one nginx container, one busybox container.
# The recording host is engine.sh's: node1, eth0 10.0.2.15/24 like the simulator's default VM.
docker network ls
docker network inspect bridge
ip addr
ip addr show docker0
ip route
ip link show type veth
docker run -d --name web nginx
docker ps
docker ps -a
ip addr show docker0
ip link show type veth
ip link show master docker0
ip route
ip addr
docker exec web cat /etc/resolv.conf
docker exec web cat /etc/hosts
docker exec web hostname
docker exec web ping -c 1 172.17.0.1
docker run -dit --name b1 busybox
docker ps
docker exec b1 ip addr
docker exec b1 ifconfig
docker exec b1 ip route
docker exec b1 cat /etc/hosts
docker exec b1 cat /etc/resolv.conf
docker inspect b1 --format '{{.NetworkSettings.IPAddress}}'
docker inspect web --format '{{.NetworkSettings.IPAddress}}'
docker inspect -f '{{.NetworkSettings.MacAddress}}' b1
docker exec b1 ping -c 2 172.17.0.2
docker exec b1 wget -qO- http://172.17.0.2/
docker exec b1 ip neigh
ip link show master docker0
docker network inspect bridge
sysctl net.ipv4.ip_forward
docker stop web
docker ps
docker ps -a
docker rm web
docker rm -f b1
docker ps -a
ip link show type veth
