# Interface counters (#13 item 3): `ip -s link` (and -s -s, one device, -stats) in a container's
# namespace after known traffic: the kernel counts each frame per device (Ethernet header
# included on veths, none on lo; ARP frames too), iproute2 prints them in its columns.
# @timeout 20
docker network create un
docker run -dit --name b1 --network un busybox
docker run -dit --name b2 --network un busybox
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n ip -s link
docker exec b1 ping -c 2 b2 > /dev/null
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n ip -s link
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n ip -s link show eth0
nsenter -t $(docker inspect -f '{{.State.Pid}}' b2) -n ip -s -s link show eth0
nsenter -t $(docker inspect -f '{{.State.Pid}}' b2) -n ip -s link show lo
nsenter -t $(docker inspect -f '{{.State.Pid}}' b2) -n ip -s -br link
nsenter -t $(docker inspect -f '{{.State.Pid}}' b2) -n ip -stats link show dev eth0
nsenter -t $(docker inspect -f '{{.State.Pid}}' b2) -n ip -s link show nosuch
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n ip -s link show lo
docker rm -f b1 b2
docker network rm un
