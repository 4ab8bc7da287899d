# The host's own tools on Docker's devices: iputils ping to a container, brctl, bridge, net-tools
# (ifconfig, route, arp, netstat) and ss; what the sandbox host has (images/sandbox-host).
docker run -dit --name b1 busybox
docker run -d --name web -p 8080:80 nginx
ping -c 2 172.17.0.2
ping -c 1 -W 1 172.17.0.99
brctl show
bridge link
ifconfig docker0
ifconfig
route -n
netstat -rn
arp -n
ip neigh show dev docker0
ss -tln
netstat -tln
ip -br addr
ip -br link
ip -4 addr show docker0
ip route get 172.17.0.2
docker network create bridge2
docker run -dit --name box1 --network bridge2 busybox
brctl show
ip -br link show type bridge
route -n
docker rm -f b1 web box1
docker network rm bridge2
brctl show
