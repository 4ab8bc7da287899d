# The "docker0 by hand" lab: two named namespaces joined by veth pairs to a bridge, addresses,
# default routes, NAT, then nsenter into a container's namespace and a container's namespace named
# in /run/netns. Routed traffic stays on the recording host (its eth0 has no upstream network), so
# the lab pings the bridge, the host, the other namespace and a container on docker0.
ip netns add red
ip netns add blue
ip netns list
ls /run/netns
ip netns exec red ip -br link
ip link add veth-red type veth peer name veth-red-br
ip link add veth-blue type veth peer veth-blue-br
ip -br link show type veth
ip link show veth-red
ip link set veth-red netns red
ip link set veth-blue netns blue
ip netns list
ip link show veth-red-br
ip -n red link show
ip link add br0 type bridge
ip -br link show type bridge
ip link set veth-red-br master br0
ip link set veth-blue-br master br0
ip link show master br0
ip addr add 10.10.0.1/24 dev br0
ip link set br0 up
ip link set veth-red-br up
ip link set veth-blue-br up
ip -br link show master br0
bridge link
brctl show br0
ip -n red addr add 10.10.0.2/24 dev veth-red
ip -n red link set veth-red up
ip -n red link set lo up
ip netns exec blue ip addr add 10.10.0.3/24 dev veth-blue
ip netns exec blue ip link set veth-blue up
ip netns exec blue ip link set lo up
ip -n red addr
ip -n blue -br addr
ip -n red link
ip netns exec red ping -c 1 10.10.0.3
ip netns exec blue ping -c 2 -i 0.2 10.10.0.2
ip netns exec red ping -c 1 10.10.0.1
ip netns exec red ping -c 1 127.0.0.1
ip netns exec red ping -c 1 -W 1 10.0.2.15
ip -n red route add default via 10.10.0.1
ip -n blue route add default via 10.10.0.1
ip -n red route
ip netns exec red ip route get 10.0.2.15
ip netns exec red ping -c 1 10.0.2.15
ip netns exec red ip neigh
ip route
ip route get 10.10.0.3
ip netns exec red sh -c 'ip -br addr; hostname'
ip netns exec blue bash -c 'ip route | head -1'
ip netns exec red iptables -S
iptables -t nat -A POSTROUTING -s 10.10.0.0/24 ! -o br0 -j MASQUERADE
iptables -t nat -S POSTROUTING
docker run -d --name c1 busybox sleep 600
docker inspect -f '{{.NetworkSettings.IPAddress}}' c1
ip netns exec red ping -c 1 172.17.0.2
docker exec c1 ping -c 1 10.10.0.2
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n ip -br addr
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n ip route
nsenter --target $(docker inspect -f '{{.State.Pid}}' c1) --net ping -c 1 10.10.0.3
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n -u hostname
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n -m -u -p ip -br link
ip netns list
ls /var/run/docker/netns | wc -l
ln -s /proc/$(docker inspect -f '{{.State.Pid}}' c1)/ns/net /run/netns/c1
ip netns list
ip netns exec c1 ip -br addr
ip -n c1 route
ip netns delete c1
ip netns list
docker exec c1 ip -br link
ip link add veth-c1 type veth peer name veth-c1-br
ip link set veth-c1 netns $(docker inspect -f '{{.State.Pid}}' c1)
docker exec c1 ip -br link
ip link show veth-c1-br
docker rm -f c1
ip link show veth-c1-br
iptables -t nat -D POSTROUTING -s 10.10.0.0/24 ! -o br0 -j MASQUERADE
ip link del veth-red-br
ip -n red link
ip link del br0
ip -br link show type veth
ip netns delete blue
ip -br link
ip netns delete red
ip netns list
ls /run/netns
