# Address management: which subnet the next network gets, which IP the next container gets,
# after earlier ones were removed (libnetwork's default pools, a fresh daemon).
docker network create n1
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' n1
docker network create n2
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' n2
docker network rm n1
docker network create n3
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' n3
docker network rm n2 n3
docker network create n4
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' n4
docker run -dit --name c1 busybox
docker run -dit --name c2 busybox
docker rm -f c1
docker run -dit --name c3 busybox
docker inspect -f '{{.Name}} {{.NetworkSettings.IPAddress}}' c2 c3
docker run -dit --name c4 busybox
docker inspect -f '{{.Name}} {{.NetworkSettings.IPAddress}}' c4
docker run -dit --name c5 --network n4 busybox
docker inspect -f '{{.Name}} {{.NetworkSettings.Networks.n4.IPAddress}}' c5
docker network create --subnet 192.168.100.0/24 lan
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' lan
docker network create --subnet 172.30.0.0/16 --ip-range 172.30.5.0/24 ranged
docker run -dit --name c6 --network ranged busybox
docker inspect -f '{{.Name}} {{.NetworkSettings.Networks.ranged.IPAddress}}' c6
docker run -dit --name c7 --network bridge --ip 172.17.0.50 busybox
docker rm -f c2 c3 c4 c5 c6 c7
docker network prune -f
