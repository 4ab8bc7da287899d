# Network modes: host, none, and sharing another container's namespace (container:NAME).
docker run -dit --name hostbox --network host busybox
docker exec hostbox ip addr show docker0
docker exec hostbox ip route
docker exec hostbox hostname
docker run -dit --name nonebox --network none busybox
docker exec nonebox ip addr
docker exec nonebox ip route
docker exec nonebox ping -c 1 -W 1 172.17.0.1
docker run -dit --name box1 busybox
docker exec box1 sh -c 'mkdir -p /www && echo hello from box1 > /www/index.html && httpd -h /www'
docker run -dit --name sidecar --network container:box1 busybox
docker exec sidecar ip addr
docker exec sidecar hostname
docker exec sidecar wget -qO- 127.0.0.1
docker exec sidecar netstat -tln
docker inspect -f '{{.HostConfig.NetworkMode}}' sidecar
docker inspect -f '{{.NetworkSettings.IPAddress}}' sidecar
docker ps
docker network inspect host
docker network inspect none
docker run -dit --name bad --network container:nosuch busybox
docker run -dit --name bad2 --network container:box1 -p 8080:80 busybox
docker rm -f hostbox nonebox sidecar box1
