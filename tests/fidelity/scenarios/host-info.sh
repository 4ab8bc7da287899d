# Who and where am I: the host's identity tools, iptables-save and conntrack after traffic.
uname
uname -a
uname -r
uname -n
whoami
id
hostname
hostname -I
hostname -f
cat /etc/hostname
iptables-save
iptables-save -t filter
iptables-save -t raw
iptables -t raw -S
iptables -t mangle -S
iptables -t mangle -L -n
iptables -t nosuch -S
docker run -d --name web -p 8080:80 nginx
wget -qO- http://127.0.0.1:8080/ > /dev/null
iptables-save -t nat
iptables-save | grep -c DOCKER
conntrack -L
conntrack -L -p tcp
conntrack -C
iptables -S FORWARD
iptables -P FORWARD DROP
iptables -S FORWARD
docker run --rm busybox wget -qO- -T 2 http://172.17.0.2/ | head -2
iptables -P FORWARD ACCEPT
iptables -I DOCKER-USER -j DROP
iptables -S DOCKER-USER
docker run --rm busybox wget -qO- -T 2 http://172.17.0.2/ | head -2
wget -qO- -T 2 http://127.0.0.1:8080/ | head -2
iptables -D DOCKER-USER -j DROP
sysctl net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=0
docker run --rm busybox wget -qO- -T 2 http://172.17.0.2/ | head -2
sysctl -w net.ipv4.ip_forward=1
iptables-save > /tmp/rules.v4
iptables -F DOCKER-USER
iptables-restore < /tmp/rules.v4
iptables -S DOCKER-USER
iptables-restore < /nosuchfile
docker rm -f web
