# docker run / create: wrong flags, missing arguments and flag combinations a learner gets wrong.
docker run
docker run -d
docker run --nmae b1 busybox
docker run -dit --name busybox
docker run -dit --name B1 busybox
docker run -dit --name "bad name" busybox
docker run -dit --name ok-1_x.y busybox
docker run -d -p busybox
docker run -d -p 80:80:80:80 nginx
docker run -d -p 0:80 --name zero nginx
docker port zero
docker run -d -p 65536:80 nginx
docker run -d -p 8081:80/sctp --name sctp nginx
docker run -d -p 8082:80/foo nginx
docker run -d -p 8083-8084:80-81 --name range nginx
docker port range
docker run -d -p 8085-8086:80 --name hostrange nginx
docker port hostrange
docker run -d -p 8090-8091:80-82 nginx
docker run -dit --network host -p 8080:80 --name hostpub busybox
docker ps -a --format '{{.Names}} {{.Status}} {{.Ports}}'
docker run -dit --network none -p 8080:80 --name nonepub busybox
docker run -dit --network host --ip 172.17.0.50 --name hostip busybox
docker run -dit --network none --ip 172.17.0.51 --name noneip busybox
docker run -dit --network bridge --ip 172.17.0.52 --name bridgeip busybox
docker run -dit --ip 172.17.0.53 --name pinned busybox
docker inspect -f '{{.NetworkSettings.IPAddress}}' pinned
docker rm pinned
docker run -dit --ip 999.1.1.1 --name badip busybox
docker run -dit --ip6 fe80::1 --name badip6 busybox
docker run -dit --network-alias foo --name aliasdefault busybox
docker run -dit --link nosuch:db --name linknosuch busybox
docker run -dit --mac-address 02:42:ac:11:00:99 --name mac busybox
docker exec mac cat /sys/class/net/eth0/address
docker run -dit --mac-address zz:zz --name badmac busybox
docker run -dit --hostname my-host --name hn busybox
docker exec hn hostname
docker run -dit --network host --hostname other --name hosthn busybox
docker run -dit --network container:hn --hostname x --name joinhn busybox
docker run -dit --network container:hn --dns 1.1.1.1 --name joindns busybox
docker run -dit --network container:hn --mac-address 02:42:ac:11:00:98 --name joinmac busybox
docker run -dit --network container:hn --add-host a:10.1.1.1 --name joinhost busybox
docker run -dit --network container:hn --expose 80 --name joinexpose busybox
docker create --name created busybox
docker ps -a --filter name=created --format '{{.Names}} {{.Status}}'
docker exec created ls
docker start created
docker start created
docker stop created
docker exec created ls
docker rm -f $(docker ps -aq)
docker ps -a
