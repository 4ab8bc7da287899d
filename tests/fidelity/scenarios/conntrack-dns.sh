# conntrack-tools and DNS as packets (#13 items 1-2): conntrack -L/-C/-D/-F and their errors after
# pings between containers; the embedded DNS server's DNAT in a container's nat table
# (DOCKER_OUTPUT/DOCKER_POSTROUTING), and the query to 127.0.0.11 and its answer on the
# container's lo, as tcpdump prints them.
# @timeout 20
conntrack
conntrack -L -p
conntrack -X
conntrack -L -p udp
docker network create un
docker run -dit --name b1 --network un busybox
docker run -dit --name b2 --network un busybox
docker run -dit --name d1 busybox
docker run -dit --name d2 busybox
docker exec d1 ping -c 2 172.17.0.3 > /dev/null
conntrack -L -p icmp
conntrack -L -s 172.17.0.2
conntrack -L -d 172.17.0.3
conntrack -L -s 172.17.0.9
conntrack -L -p icmp --dport 80
conntrack -L -p tcp --dport 80
conntrack -D -p icmp
conntrack -D -p icmp
conntrack -L -p icmp
docker exec d2 ping -c 1 -W 1 172.17.0.9 > /dev/null
conntrack -L -p icmp
conntrack -D -s 172.17.0.3
conntrack -D -s 300.1.1.1
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n iptables -t nat -S
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n iptables -t nat -L -n
nsenter -t $(docker inspect -f '{{.State.Pid}}' d1) -n iptables -t nat -S
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n ss -uln
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 1 port 53 & sleep 1; docker exec b1 nslookup -type=a b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 2 & sleep 1; docker exec b1 ping -c 1 b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -i any -n -c 2 port 53 & sleep 1; docker exec b1 ping -c 1 b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -i any -c 2 port 53 & sleep 1; docker exec b1 ping -c 1 b2 > /dev/null; wait
timeout -s INT 3 nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i eth0 port 53 & sleep 1; docker exec b1 nslookup b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n conntrack -L -p udp
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n conntrack -L
docker exec b1 nslookup b2
docker exec b1 nslookup nosuch.example
docker exec b1 nslookup b2 127.0.0.11
conntrack -F
conntrack -L
docker rm -f b1 b2 d1 d2
docker network rm un
