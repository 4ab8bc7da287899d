# Learner variants: a container network built by hand with ip netns (issue 13, item 2; "netns" engineer).
ip netns list
ip netns add a
ip netns add b
ip netns list
ip link add va type veth peer name vb
ip link set va netns a
ip link set vb netns b
ip netns exec a ip addr add 10.99.0.1/24 dev va
ip netns exec b ip addr add 10.99.0.2/24 dev vb
ip netns exec a ip link set va up
ip netns exec b ip link set vb up
ip netns exec a ip link set lo up
ip netns exec a ping -c 1 10.99.0.2
ip netns exec a ip route
ip netns exec b ip -br addr
ip netns delete a
ip netns delete b
ip netns list
ip link add br0 type bridge
ip link set br0 up
ip -br link show br0
ip link del br0
ip route get 8.8.8.8
uname -a
whoami
id
