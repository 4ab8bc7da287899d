# What learners actually type: typos, wrong order, half-remembered flags, the lesson's commands with a twist.
docker netowrk ls
docker network sl
docker network ls -a
docker ps -al
docker nework create bridge2
docker network create bridge2
docker run -dti --name box1 --net bridge2 busybox
docker run -it -d --name box2 --network=bridge2 busybox
docker exec -it box1 ping -c 1 box2
docker exec box1 ping -c1 box2
docker exec box1 ping box2 -c 1
docker exec box1 ping -c 1 BOX2
docker exec box1 ping -c 1 box2.bridge2
docker exec box1 ping -c 1 box3
docker exec box1 ifconfig
docker exec box1 ip a
docker exec box1 ip r
docker exec box1 ip addr show eth1
docker exec box1 cat /etc/resolv.conf
docker exec box1 sh -c "ping -c 1 box2 && echo reachable"
docker exec box1 sh -c 'ping -c 1 -W 1 172.17.0.2 || echo unreachable'
docker exec box1
docker exec -d box1 sleep 100
docker exec box1 ls /nosuch
docker exec box1 ip link set eth0 down
docker exec box1 whoami
docker exec --privileged box1 ip link set eth0 down
docker exec box1 ping -c 1 -W 1 box2
docker exec --privileged box1 ip link set eth0 up
docker exec box1 ip route
docker run -d --name web -p 1234:80 ngnix
docker run -d --name web -p 1234:80 nginx
docker run -d --name web -p 1234:80 nginx
docker run -d --name web2 -p 1234:80 nginx
docker rm web2
docker run -d --name web2 -p 1235:80 nginx
curl http://localhost:1234 | head -1
curl -s localhost:1235 | grep -o '<title>.*</title>'
wget -O- http://127.0.0.1:1236/
docker stop web
curl -s -m 2 http://127.0.0.1:1234/; echo "exit $?"
docker start web
docker network rm bridge2
docker network disconnect bridge2 box1
docker network disconnect bridge2 box2
docker network rm bridge2
docker rm box1
docker rm -f box1 box2
docker network rm bridge2
docker network rm bridge2
docker network ls
docker ps
docker ps -q
docker rm -f $(docker ps -q)
docker rm -f $(docker ps -q)
docker run busybox ping -c 1 127.0.0.1
docker run --rm busybox ip addr show eth0
docker run --rm -it busybox echo hi
docker run --rm --network host busybox ip -br addr
docker run --rm --network none busybox ping -c 1 -W 1 172.17.0.1
docker container run --rm busybox hostname -i
docker ps -a --format '{{.Image}} {{.Status}}' | sort | uniq -c
docker rm $(docker ps -aq)
