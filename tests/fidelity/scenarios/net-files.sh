# docker run options that shape a container's /etc/resolv.conf, /etc/hosts and hostname.
docker run --rm busybox cat /etc/resolv.conf
docker run --rm --dns 10.9.9.9 busybox cat /etc/resolv.conf
docker run --rm --dns 10.9.9.9 --dns 10.9.9.8 --dns-search lab.local --dns-option ndots:2 busybox cat /etc/resolv.conf
docker run --rm --dns-search a.example --dns-search b.example busybox cat /etc/resolv.conf
docker run --rm --dns notanip busybox true
docker run --rm --add-host db:10.1.2.3 busybox cat /etc/hosts
docker run --rm --add-host db:10.1.2.3 --add-host cache:10.1.2.4 busybox cat /etc/hosts
docker run --rm --add-host db busybox true
docker run --rm --add-host db:notanip busybox true
docker run --rm --add-host db=10.1.2.3 busybox cat /etc/hosts
docker run --rm --hostname web1 busybox cat /etc/hosts
docker run --rm --hostname web1 --domainname lab.local busybox cat /etc/hosts
docker run --rm --hostname web1.lab.local busybox hostname
docker network create bridge2
docker run --rm --network bridge2 busybox cat /etc/resolv.conf
docker run --rm --network bridge2 --dns 10.9.9.9 busybox cat /etc/resolv.conf
docker run --rm --network bridge2 --dns-search lab.local busybox cat /etc/resolv.conf
docker run --rm --network bridge2 --add-host db:10.1.2.3 busybox cat /etc/hosts
docker run --rm --network host busybox cat /etc/hosts
docker run --rm --network host --add-host db:10.1.2.3 busybox cat /etc/hosts
docker run --rm --network host busybox cat /etc/resolv.conf
docker run --rm --network none busybox cat /etc/resolv.conf
docker run --rm --network none busybox cat /etc/hosts
docker run -dit --name withdns --dns 10.9.9.9 busybox
docker inspect -f '{{.HostConfig.Dns}} {{.HostConfig.DnsSearch}} {{.HostConfig.ExtraHosts}}' withdns
docker run -dit --name withhost --add-host db:172.17.0.1 busybox
docker inspect -f '{{json .HostConfig.ExtraHosts}}' withhost
docker exec withhost ping -c 1 -W 1 db
docker rm -f withdns withhost
docker network rm bridge2
