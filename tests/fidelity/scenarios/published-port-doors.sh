# Who answers a published port (lesson 6-4): docker-proxy's sockets (one process per address family), the client address nginx logs for 127.0.0.1 (proxy) and 10.0.2.15 (DNAT), a container using the host's address, the hairpin MASQUERADE's counter, a port bound to 127.0.0.1 seen from a container. No ps: the recording host shares the machine's pid namespace.
docker run -d --name web -p 8080:80 nginx
ss -ltnp
wget -qO- 127.0.0.1:8080 | head -n 1
wget -qO- 10.0.2.15:8080 | head -n 1
docker logs web 2>/dev/null | tail -n 2
iptables -t nat -S OUTPUT
iptables -t nat -L DOCKER -v -n
docker run -dit --name client busybox
docker exec client wget -qO- 10.0.2.15:8080 | head -n 1
docker logs web 2>/dev/null | tail -n 1
iptables -t nat -L DOCKER -v -n
iptables -t nat -L POSTROUTING -v -n
docker run -d --name ledger -p 127.0.0.1:9000:80 nginx
ss -ltn
docker exec client wget -qO- 10.0.2.15:9000
docker exec client wget -qO- 127.0.0.1:9000
docker exec client wget -qO- 172.17.0.4 | head -n 1
docker logs ledger 2>/dev/null | tail -n 1
docker inspect -f '{{.NetworkSettings.Ports}}' ledger
docker rm -f web client ledger
ss -ltn
