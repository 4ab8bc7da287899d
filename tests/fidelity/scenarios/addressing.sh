# --ip, --alias and --network-alias on the kinds of network; which addresses come next.
docker network create --subnet 172.30.0.0/24 fixed
docker network create plain
docker run -dit --name f1 --network fixed --ip 172.30.0.10 busybox
docker run -dit --name f2 --network fixed --ip 172.30.0.10 busybox
docker ps -a --filter name=f2 --format '{{.Names}} {{.Status}}'
docker run -dit --name f3 --network fixed --ip 172.31.0.10 busybox
docker run -dit --name f4 --network fixed --ip 172.30.0.1 busybox
docker run -dit --name f5 --network fixed --ip 172.30.0.255 busybox
docker run -dit --name f6 --network fixed --ip 172.30.0.0 busybox
docker run -dit --name p1 --network plain --ip 172.19.0.10 busybox
docker run -dit --name f7 --network fixed busybox
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' f7
docker inspect -f '{{json .NetworkSettings.Networks.fixed.IPAMConfig}}' f1
docker inspect -f '{{json .NetworkSettings.Networks.fixed.IPAMConfig}}' f7
docker inspect -f '{{.NetworkSettings.Networks.fixed.Aliases}}' f1
docker run -dit --name a1 --network fixed --network-alias web --network-alias www busybox
docker run -dit --name a2 --network fixed --alias web busybox
docker inspect -f '{{.NetworkSettings.Networks.fixed.Aliases}}' a1
docker exec f1 nslookup web
docker exec f1 ping -c 1 www
docker exec f1 ping -c 1 a1
docker exec f1 nslookup a2
docker run -dit --name dflt --network-alias x busybox
docker run -dit --name b1 busybox
docker exec b1 ping -c 1 -W 1 f1
docker rm -f f2 f3 f4 f5 f6 p1 dflt
docker run -dit --name f8 --network fixed busybox
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' f8
docker stop f7
docker run -dit --name f9 --network fixed busybox
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' f9
docker start f7
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' f7
docker restart f1
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' f1
docker network connect --ip 172.30.0.10 fixed b1
docker network connect --ip 172.30.0.60 fixed b1
docker exec b1 ip -4 -o addr
docker network disconnect fixed b1
docker network connect fixed b1
docker exec b1 ip -4 -o addr
docker rm -f $(docker ps -aq)
docker network rm fixed plain
