# Errors: duplicate names, unknown objects, bad flags and arguments, busy networks.
docker run -dit --name b1 busybox
docker run -dit --name b1 busybox
docker exec nosuch ls
docker inspect nosuch
docker network inspect nosuch
docker network rm nosuch
docker network create -d nosuchdriver n1
docker network create --subnet 172.17.5.0/24 overlapnet
docker network create --subnet 10.10.0.0/33 badcidr
docker network create --gateway 10.20.0.1 nogw
docker run --foo busybox
docker networks
docker network foo
docker network
docker run -dit --name x --network nosuchnet busybox
docker run -dit --name xx --network nosuchnet busybox
docker rm b1
docker stop nosuch
docker network connect bridge nosuch
docker network connect nosuchnet b1
docker network connect bridge b1
docker network disconnect bridge nosuch
docker network rm bridge
docker network rm host
docker network create -d host myhost
docker exec b1 ping -c 1 nosuchhost
docker exec b1 nosuchcommand
docker exec b1 ping -c 1 -W 1 172.17.0.99
docker rm -f b1 x xx
