# Container networking by hand: ip netns, veth, a bridge, routes, NAT; ip's error paths.
ip netns list
ip netns add a
ip netns add b
ip netns add a
ip netns list
ip netns exec a ip link
ip netns exec a ip addr
ip link add veth-a type veth peer name veth-a-br
ip link add veth-b type veth peer name veth-b-br
ip link add veth-a type veth peer name other
ip link show veth-a
ip link set veth-a netns a
ip link set veth-b netns b
ip link set veth-a netns nosuch
ip link show veth-a
ip netns exec a ip link
ip link add br0 type bridge
ip link set veth-a-br master br0
ip link set veth-b-br master br0
ip link set nosuch master br0
ip addr add 10.200.0.1/24 dev br0
ip addr add 10.200.0.1/24 dev br0
ip link set br0 up
ip link set veth-a-br up
ip link set veth-b-br up
ip route
ip netns exec a ip addr add 10.200.0.2/24 dev veth-a
ip netns exec b ip addr add 10.200.0.3/24 dev veth-b
ip netns exec a ip link set veth-a up
ip netns exec a ip link set lo up
ip netns exec b ip link set veth-b up
ip netns exec a ip route
ip netns exec a ping -c 1 10.200.0.3
ip netns exec b ping -c 1 10.200.0.2
ip netns exec a ping -c 1 -W 1 10.0.2.15
ip netns exec a ip route add default via 10.200.0.1
ip netns exec a ip route add default via 10.200.0.1
ip netns exec a ip route
ip netns exec a ip route get 10.0.2.15
ip netns exec a ping -c 1 10.0.2.15
ip netns exec a ip neigh
bridge link
brctl show br0
ip -br link show master br0
ip route get 10.200.0.2
ip route add 10.201.0.0/24 via 10.200.0.2
ip route add 10.202.0.0/24 via 10.99.0.1
ip route add 10.203.0.0/24 dev br0
ip route show
ip route del 10.201.0.0/24
ip route del 10.201.0.0/24
ip route get 10.203.0.7
iptables -t nat -A POSTROUTING -s 10.200.0.0/24 ! -o br0 -j MASQUERADE
iptables-save -t nat
iptables -t nat -D POSTROUTING -s 10.200.0.0/24 ! -o br0 -j MASQUERADE
iptables -t nat -D POSTROUTING -s 10.200.0.0/24 ! -o br0 -j MASQUERADE
ip netns exec a iptables -S
ip link set br0 down
ip route
ip link set br0 up
ip link del veth-b-br
ip netns exec b ip link
ip link del veth-b-br
ip link del nosuch
ip link del br0
ip -br link
ip netns exec a ip -br link
ip netns delete b
ip netns delete b
ip netns del a
ip netns list
ip link add dev x0 type nosuchtype
ip addr add 10.1.1.1 dev nosuch
ip addr add 300.1.1.1/24 dev lo
ip route add default via 10.0.2.2
ip neigh show
ip neigh add 10.0.2.9 lladdr 02:00:00:00:00:09 dev eth0
ip neigh show dev eth0
ip neigh del 10.0.2.9 dev eth0
ip foo
ip link foo
ip route get
ip route get 300.1.1.1
