# User-defined bridge networks: embedded DNS, isolation from the default bridge, custom subnets,
# connect/disconnect, and the errors a learner meets on the way.
docker network create bridge2
docker network ls
docker run -dit --name box1 --network bridge2 busybox
docker run -dit --name box2 --network bridge2 busybox
docker exec box1 ping -c 2 box2
docker exec box1 nslookup box2
docker exec box1 cat /etc/resolv.conf
docker exec box1 cat /etc/hosts
docker exec box1 ip addr show eth0
docker exec box1 ip route
docker network inspect bridge2
ip link show type bridge
ip route
docker run -dit --name b1 busybox
docker run -dit --name b2 busybox
docker exec b1 cat /etc/resolv.conf
docker exec b1 ping -c 1 b2
docker exec b1 ping -c 1 box1
docker exec b1 ping -c 1 -W 1 172.18.0.2
docker exec box1 ping -c 1 -W 1 172.17.0.2
docker network create --subnet 10.10.0.0/24 --gateway 10.10.0.1 net3
docker network create --subnet 10.10.0.0/16 net4
docker network create bridge2
docker run -dit --name box3 --network net3 --ip 10.10.0.50 busybox
docker exec box3 ip addr show eth0
docker network connect bridge2 box3
docker exec box3 ip addr
docker exec box3 ip route
docker exec box3 ping -c 1 box1
docker exec box1 ping -c 1 box3
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' box3
docker network disconnect bridge2 box3
docker exec box3 ping -c 1 box1
docker network rm bridge2
docker rm -f box1 box2
docker network rm bridge2
docker network rm net3
docker rm -f box3 b1 b2
docker network prune -f
docker network ls
