# Learner variants: typos, wrong flags and half-remembered options around the lessons' commands.
dokcer ps
docker ps -z
docker run -d --name web ngnix
docker run -d --name web nginx
docker run -d --name web nginx
docker inspect --format '{{.NetworkSettings.IPAddress}}' web
docker inspect --format '{{.NetworkSettings.IPAdress}}' web
docker inspect -f '{{.NetworkSettings.Networks.bridge.Gateway}}' web
docker network create --driver brigde net1
docker network create --subnet 10.10.0.0/33 net1
docker network create --subnet 10.10.0.0/24 net1
docker network connect net1 nosuch
docker network connect net1 web
docker network connect net1 web
docker exec web cat /etc/hosts
docker network disconnect net1 web
docker network disconnect net1 web
docker network inspect net1 --format '{{range .Containers}}{{.Name}}{{end}}'
docker network ls --filter driver=bridge
docker network rm net1 bridge
docker rm web
docker rm -f web
docker network rm net1
ip addr show docker1
ip addr show docker0
ip route show table 42
ip route show dev docker0
iptables -t nat -L POSTROUTING -n
iptables -t nat -L POSTROUTIN -n
iptables -L FORWARD -n --line-numbers
iptables -t nat -S DOCKER
ping -c 1 -W 1 172.17.0.99
brctl show docker0
docker run --rm busybox ping -c 1 -W 1 8.8.8.8
docker run --rm --net none busybox ip route
docker run --rm --network=host busybox hostname
docker run --rm busybox nslookup nosuch.invalid
