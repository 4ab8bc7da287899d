# Busybox applets inside a container and their exact output formats.
docker network create bridge2
docker run -dit --name box1 --network bridge2 busybox
docker run -dit --name box2 --network bridge2 busybox
docker exec box1 nslookup -type=a box2
docker exec box1 nslookup -type=A box2 127.0.0.11
docker exec box1 nslookup box2 127.0.0.11
docker exec box1 nslookup nosuchname
docker exec box1 nslookup
docker exec box1 env
docker exec -e FOO=bar box1 env
docker exec box1 sh -c 'echo $HOSTNAME'
docker exec box1 timeout 1 ping box2
docker exec box1 timeout -s INT 1 ping box2
docker exec box1 sh -c 'cat /etc/hosts | cut -f1'
docker exec box1 sh -c 'ip -4 -o addr show eth0 | cut -d" " -f7'
docker exec box1 sh -c 'ip route | cut -c1-20'
docker exec box1 uname
docker exec box1 uname -a
docker exec box1 id
docker exec box1 whoami
docker exec box1 hostname -i
docker exec box1 ps
docker exec box1 ls /sys/class/net
docker exec box1 cat /proc/net/route
docker exec box1 netstat -rn
docker exec box1 route -n
docker exec box1 arp -a
docker exec box1 ifconfig eth0
docker exec box1 ip -s link show eth0
docker exec box1 ip addr show lo
docker exec box1 ping -c 2 -s 100 box2
docker exec box1 ping -c 1 -q box2
docker exec box1 traceroute -n -m 2 box2
docker exec box1 wget -S -O /dev/null http://box2/
docker exec box1 wget -qO- http://box2:8080/
docker exec box1 nc -z -w 1 box2 80
docker exec box1 sh -c 'echo hi | nc -w 1 box2 80; echo exit=$?'
docker exec box1 cat /etc/os-release
docker exec box1 busybox | head -1
docker exec box1 sleep 1
docker rm -f box1 box2
docker network rm bridge2
