# What a container's resolver sends (#13 item 2): busybox (musl) asks for A and AAAA together, both
# questions before either answer, and the embedded DNS server answers the AAAA with NOERROR and no
# answer on an IPv4-only network; tcpdump in the container's namespace shows the questions on lo
# (after the DOCKER_OUTPUT DNAT, so to 127.0.0.11's real port) and the answers (`port 53`).
# @timeout 20
docker network create un
docker run -dit --name b1 --network un busybox
docker run -dit --name b2 --network un busybox
docker run -d --name web --network un nginx
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 2 udp & sleep 1; docker exec b1 ping -c 1 b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 2 udp & sleep 1; docker exec b1 wget -q -O /dev/null http://web/; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 2 udp & sleep 1; docker exec b1 nslookup b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i lo -c 1 udp & sleep 1; docker exec b1 nslookup -type=a b2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' b1) -n tcpdump -n -i any -c 2 udp & sleep 1; docker exec b1 ping -c 1 web > /dev/null; wait
docker exec b1 nslookup -type=aaaa b2
docker exec b1 nslookup -type=a b2
docker exec b1 ping -c 1 b2
docker rm -f b1 b2 web
docker network rm un
