# The FORWARD path on a stock VM (ip_forward 0 at boot: dockerd turns it on and sets the policy to DROP):
# what DOCKER-USER rules, ip_forward=0, a FORWARD DROP without Docker's ACCEPTs and a removed DNAT rule
# each change for ping, wget and nc (busybox 1.35-static wget -T segfaults, so only the host wget is used).
sysctl net.ipv4.ip_forward
iptables -S FORWARD
iptables -L FORWARD -n
docker run -d --name web -p 8080:80 nginx
docker run -dit --name box busybox
docker network create un
docker run -dit --name ubox --network un busybox
docker exec box ping -c 1 -W 1 172.17.0.2
wget -q -O /dev/null -T 2 http://10.0.2.15:8080/; echo exit=$?
docker exec ubox ping -c 1 -W 1 172.17.0.2
docker exec ubox ping -c 1 -W 1 10.0.2.15
iptables -I DOCKER-USER -p icmp -j DROP
iptables -S DOCKER-USER
docker exec box ping -c 1 -W 1 172.17.0.2
ping -c 1 -W 1 172.17.0.2
iptables -D DOCKER-USER -p icmp -j DROP
iptables -I DOCKER-USER -p tcp --dport 80 -j DROP
docker exec box sh -c 'echo hi | nc -w 2 172.17.0.2 80 2>&1; echo exit=$?'
docker exec box ping -c 1 -W 1 172.17.0.2
wget -q -O /dev/null -T 2 http://10.0.2.15:8080/; echo exit=$?
iptables -D DOCKER-USER -p tcp --dport 80 -j DROP
iptables -I DOCKER-USER -s 172.17.0.3 -j DROP
docker exec box ping -c 1 -W 1 172.17.0.2
docker exec web true
ping -c 1 -W 1 172.17.0.3
iptables -F DOCKER-USER
iptables -A DOCKER-USER -j RETURN
sysctl -w net.ipv4.ip_forward=0
docker exec box ping -c 1 -W 1 172.17.0.2
docker exec ubox ping -c 1 -W 1 10.0.2.15
docker exec ubox ping -c 1 -W 1 172.17.0.1
wget -q -O /dev/null -T 2 http://10.0.2.15:8080/; echo exit=$?
sysctl -w net.ipv4.ip_forward=1
iptables -D FORWARD -i docker0 -o docker0 -j ACCEPT
iptables -S FORWARD
docker exec box ping -c 1 -W 1 172.17.0.2
iptables -L FORWARD -n -v | head -1
iptables -P FORWARD ACCEPT
docker exec box ping -c 1 -W 1 172.17.0.2
iptables -P FORWARD DROP
iptables -A FORWARD -i docker0 -o docker0 -j ACCEPT
docker exec box ping -c 1 -W 1 172.17.0.2
iptables -D FORWARD -o docker0 -j DOCKER
iptables -I FORWARD 4 -o docker0 -j DOCKER
iptables -t nat -S DOCKER
iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
iptables -t nat -S DOCKER
wget -q -O /dev/null -T 2 http://10.0.2.15:8080/; echo exit=$?
wget -q -O /dev/null -T 2 http://127.0.0.1:8080/; echo exit=$?
iptables -t nat -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80
docker rm -f web box ubox
docker network rm un
iptables -S FORWARD
