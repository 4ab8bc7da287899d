# ip netns, ip link and nsenter as a learner gets them wrong: missing arguments, typos, things done
# in the wrong order (addresses on down links, ping before `up`, a veth in a namespace deleted
# under it), deleting a bridge with ports, moving lo, renaming an up device. (No `type dummy`: the
# recording host's kernel has no dummy module, a Debian VM's has; unit tests cover it.)
ip netns
ip netns show
ip netns add
ip netns add a
ip netns add a
ip netns add a/b
ip netns foo
ip netns exec
ip netns exec nosuch ip link
ip netns exec a
ip netns exec a nosuchcmd
ip netns exec a false
ip netns exec a ip netns identify
ip netns identify
ip netns pids a
ip netns pids nosuch
ip netns delete
ip netns delete nosuch
ip -n nosuch link
ip -n a -br link
ip -n
ip link add
ip link add veth0
ip link add veth0 type veth
ip link show type veth
ip link add vx type veth peer name vx
ip link add va type veth peer name
ip link add averyveryverylongname type veth peer name p0
ip link add br0 type bridge
ip link add br0 type bridge
ip link add d0 type veth peer name e0
ip -br link show type dummy
ip link set d0 master br0
ip link show master br0
bridge link
ip link set br0 up
ip link set d0 up
brctl show
ip link del br0
ip link show d0
ip link set d0 master nosuch
ip link set d0 master lo
ip link set d0 nomaster
ip link set d0 name d1
ip link set d1 down
ip link set d1 name d1
ip link set d1 name d2
ip link set d2 mtu 9000
ip link set d2 mtu 10
ip link set d2 mtu abc
ip link set d2 address 02:00:00:00:00:01
ip link set d2 address zz
ip link show d2
ip link set d2 up
ip link set d2 name d3
ip link set nosuch up
ip link set up
ip link set d2 sideways
ip link set lo netns a
ip link set d2 netns a
ip -n a -br link
ip link set d2 netns a
ip link del
ip link del lo
ip link del dev nosuch
ip addr add 10.0.0.1/24
ip addr add 10.0.0.1/24 dev
ip link add p0 type veth peer name p1
ip addr add 10.7.0.1/24 dev p0
ip route add 10.8.0.0/16 dev p0
ip addr del 10.7.0.1/24 dev p0
ip addr del 10.7.0.1/24 dev p0
ip addr add 10.7.0.1/24 dev p0
ip route
ip netns add p
ip link set p1 netns p
ip -n p addr add 10.7.0.2/24 dev p1
ping -c 1 -W 1 10.7.0.2
ip link set p0 up
ip route
ping -c 1 -W 1 10.7.0.2
ip -n p link set p1 up
ping -c 1 10.7.0.2
ip netns exec p ping -c 1 10.7.0.1
ip netns exec p ping -c 1 -W 1 127.0.0.1
ip netns delete p
ip link show p0
ip route
ip link add q0 type veth peer name q1
ip netns add q
ip link set q1 netns q
ip netns delete q
ip link show q0
ip netns exec q ip link
nsenter -t
nsenter -t abc -n true
nsenter -n true
nsenter --foo
nsenter -t 999999 -n ip link
docker run -d --name c1 busybox sleep 600
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) ip -br link
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n nosuchcmd
docker stop -t 1 c1
docker inspect -f '{{.State.Pid}}' c1
nsenter -t $(docker inspect -f '{{.State.Pid}}' c1) -n ip -br link
docker rm c1
ip netns delete a
ip netns list
