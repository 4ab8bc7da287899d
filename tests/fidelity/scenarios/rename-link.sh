# docker rename, legacy --link on the default bridge, and what happens when a link's target goes.
docker run -dit --name old busybox
docker rename old new
docker ps --format '{{.Names}}'
docker rename new new
docker rename nosuch other
docker rename new
docker run -dit --name taken busybox
docker rename new taken
docker rename new "bad name"
docker exec new hostname
docker run -dit --name db busybox
docker run -dit --name app --link db busybox
docker run -dit --name app2 --link db:database busybox
docker exec app cat /etc/hosts
docker exec app2 cat /etc/hosts
docker exec app ping -c 1 db
docker exec app2 ping -c 1 database
docker exec db ping -c 1 -W 1 app
docker inspect -f '{{json .HostConfig.Links}}' app
docker inspect -f '{{json .HostConfig.Links}}' app2
docker exec app env
docker rename db db-renamed
docker exec app ping -c 1 db
docker inspect -f '{{json .HostConfig.Links}}' app
docker stop db-renamed
docker exec app ping -c 1 -W 1 db
docker restart app
docker start db-renamed
docker restart app
docker exec app cat /etc/hosts
docker rm -f db-renamed
docker restart app
docker ps -a --format '{{.Names}} {{.Status}}'
docker network create bridge2
docker run -dit --name u1 --network bridge2 busybox
docker run -dit --name u2 --network bridge2 --link u1:one busybox
docker exec u2 ping -c 1 one
docker exec u2 cat /etc/hosts
docker rm -f u1
docker exec u2 ping -c 1 -W 1 one
docker rm -f $(docker ps -aq)
docker network rm bridge2
