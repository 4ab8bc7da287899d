# -P with --expose, port lists and ranges, the host-port allocator after removals, docker port errors,
# per-address allocator maps and docker-proxy bind failures, ps --filter publish=/expose=.
docker run -d --name e1 --expose 8000 -P busybox httpd -f -p 8000
docker port e1
docker run -d --name e2 --expose 7000-7002 -P busybox httpd -f -p 7000
docker port e2
docker run -d --name e3 --expose 9000/udp -P busybox sleep 300
docker port e3
docker run -d --name e4 --expose 80 busybox sleep 300
docker port e4
docker inspect -f '{{json .Config.ExposedPorts}}' e2
docker inspect -f '{{json .NetworkSettings.Ports}}' e1
docker inspect -f '{{json .HostConfig.PortBindings}}' e1
docker run -d --name m1 -p 8001:80 -p 8002:80 -p 8003:443 nginx
docker port m1
docker port m1 80
docker port m1 443/tcp
docker port m1 443/udp
docker port m1 81
docker port m1 abc
docker port nosuch
docker port
docker run -d --name m2 -p 127.0.0.1::80 nginx
docker port m2
docker run -d --name m3 -p 127.0.0.2:8001:80 nginx
docker port m3
docker run -d --name m4 -p 0.0.0.0:8001:80 nginx
docker run -d --name r1 -p 80 nginx
docker run -d --name r2 -p 80 nginx
docker port r1
docker port r2
docker rm -f r1
docker run -d --name r3 -p 80 nginx
docker port r3
docker rm -f r2 r3
docker run -d --name r4 -p 80 nginx
docker port r4
docker ps --format '{{.Names}}\t{{.Ports}}'
docker ps -a --filter publish=8001 --format '{{.Names}}'
docker ps -a --filter expose=7001 --format '{{.Names}}'
iptables -t nat -S DOCKER
iptables -S DOCKER
wget -qO- http://127.0.0.1:8002/ | head -4
docker stop m1
iptables -t nat -S DOCKER
docker port m1
docker start m1
docker port m1
docker rm -f $(docker ps -aq)
iptables -t nat -S DOCKER
docker run -d --name f1 -p 8080:80 nginx
docker run -d --name f2 --expose 9000 -P busybox sleep 300
docker run -d --name f3 -p 127.0.0.1:8081:9000/udp busybox sleep 300
docker run -d --name f4 -p 8090-8092:80 nginx
docker run -d --name f5 -p 8090-8092:80 nginx
docker port f5
docker run -d --name f6 -p 127.0.0.1:8080:80 nginx
docker run -d --name f7 -p 80 -p 127.0.0.1::81 nginx
docker port f7
docker ps --filter publish=80 --format '{{.Names}}'
docker ps --filter publish=8080 --format '{{.Names}}'
docker ps --filter publish=9000 --format '{{.Names}}'
docker ps --filter publish=32768 --format '{{.Names}}'
docker ps --filter publish=8081/udp --format '{{.Names}}'
docker ps --filter publish=9000/udp --format '{{.Names}}'
docker ps --filter publish=8080-8081 --format '{{.Names}}'
docker ps --filter expose=80 --format '{{.Names}}'
docker ps --filter expose=9000 --format '{{.Names}}'
docker ps --filter expose=8000-9000/tcp --format '{{.Names}}'
docker ps -a --filter publish=8080 --format '{{.Names}}'
docker ps --filter publish=1:2
docker ps --filter publish=abc
docker ps --filter expose=80/sctp --format '{{.Names}}'
docker stop f1
docker ps -a --filter publish=8080 --format '{{.Names}}'
docker ps -a --filter publish=80 --format '{{.Names}}'
docker rm -f $(docker ps -aq)
