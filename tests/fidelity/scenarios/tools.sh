# Tools a curious learner reaches for (#13 item 2): iptables-save/-restore, raw and mangle listings,
# conntrack, identity tools on the host and in busybox, docker top/stats/logs -t, a pull with no registry.
iptables-save -t nat
iptables-save -t mangle
iptables-save -t nosuch
iptables-save -x
iptables -t raw -L
iptables -t raw -L -n
iptables -t mangle -L
iptables -t mangle -L -n -v
iptables -t raw -S
iptables -t security -S
iptables-save > /tmp/rules.v4
iptables -A DOCKER-USER -p tcp --dport 9999 -j DROP
iptables-restore --noflush < /tmp/rules.v4; echo exit=$?
iptables -S DOCKER-USER
iptables-restore < /tmp/rules.v4
iptables -S DOCKER-USER
iptables-restore /tmp/rules.v4; echo exit=$?
printf '*filter\n-A NOSUCH -j DROP\nCOMMIT\n' | iptables-restore; echo exit=$?
printf '*filter\n-A INPUT -j DROP\n' | iptables-restore; echo exit=$?
printf '*nosuch\nCOMMIT\n' | iptables-restore; echo exit=$?
printf '*filter\n:FOO - [0:0]\n-A FOO -j ACCEPT\nCOMMIT\n' | iptables-restore --noflush; echo exit=$?
iptables -S FOO
iptables -X FOO
printf 'garbage\n' | iptables-restore; echo exit=$?
iptables-restore /nosuchfile; echo exit=$?
conntrack -L
docker run -dit --name box busybox
docker run -dit --name box2 busybox
docker exec box ping -c 1 172.17.0.3
conntrack -L -p icmp
conntrack -C
conntrack -F
conntrack -C
conntrack -L -p nosuch
uname
uname -s
uname -r
uname -m
uname -n
uname -a
uname -x
whoami
id
id -u
id -un
hostname
docker exec box hostname
docker exec box uname -a
docker exec box uname -m
docker exec box whoami
docker exec box id
docker run --rm --name named -h myhost busybox hostname
docker top box
docker top box2
docker top nosuch
docker stats --no-stream
docker stats --no-stream box
docker stats --no-stream --format '{{.Name}} {{.Container}}'
docker stats --no-stream --format 'table {{.Name}}\t{{.PIDs}}'
docker stats --no-stream nosuch
docker run -dt --name tty1 busybox sh -c 'echo one; echo two; sleep 300'
docker run -d --name notty busybox sh -c 'echo one; sleep 300'
docker logs tty1
docker logs -t tty1 | sed 's/^[^ ]* //'
docker logs --tail 1 tty1
docker logs notty
docker pull redis
docker run --rm redis
docker run -d --name r1 redis:7
docker pull busybox
docker pull
docker rm -f box box2 tty1 notty
