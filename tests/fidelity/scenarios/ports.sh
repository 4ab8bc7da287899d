# Publishing ports: docker port, the NAT rules Docker adds, reaching a published port from the host.
iptables -t nat -S
docker run -d --name web -p 1234:80 nginx
docker ps
docker port web
docker port web 80
iptables -t nat -L -n
iptables -t nat -L -n | grep 1234
iptables -t nat -S
iptables -S
iptables -L DOCKER -n
wget -qO- http://127.0.0.1:1234/
curl -s http://127.0.0.1:1234/ | head -4
curl -sI http://127.0.0.1:1234/ | head -1
docker run -d --name web2 -p 127.0.0.1:8080:80 nginx
docker run -d --name web3 -p 80 nginx
docker run -d --name web4 -P nginx
docker run -dit --name u1 -p 5353:53/udp busybox
docker ps
docker port web2
docker port web3
docker port web4
docker port u1
iptables -t nat -S DOCKER
iptables -S DOCKER
iptables -t nat -L DOCKER -n --line-numbers
docker run -d --name clash -p 1234:80 nginx
docker ps -a --filter name=clash
docker run -d -p 99999:80 nginx
docker run -d -p abc nginx
docker run -d -p 1.2.3:80:80 nginx
docker rm -f web web2 web3 web4 u1 clash
iptables -t nat -S DOCKER
