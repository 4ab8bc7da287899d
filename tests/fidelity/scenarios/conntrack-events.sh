# conntrack-tools beyond -L (#13 item 1): -S (per-CPU statistics), -G of one flow (found, missing,
# incomplete tuples), -E (events) in the background while a container pings, stopped by `kill %1`
# or by `timeout -s INT` (Ctrl-C), and the wrong flags a learner types.
# @timeout 20
conntrack -S
conntrack -S conntrack
conntrack -S -p icmp
conntrack -G
conntrack -G -p icmp
conntrack -G -s 172.17.0.2
conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3
conntrack -E -z
conntrack -E -e NEWS
conntrack -x
conntrack -L -G
docker run -dit --name d1 busybox
docker run -dit --name d2 busybox
docker exec d1 ping -c 1 172.17.0.3 > /dev/null
conntrack -L -p icmp
conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3
conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3 --icmp-type 8 --icmp-code 0 --icmp-id 7
conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.3 --icmp-type 8 --icmp-code 0 --icmp-id 99
conntrack -G -p icmp -s 172.17.0.2 -d 172.17.0.9 --icmp-type 8 --icmp-code 0 --icmp-id 7
conntrack -G -p tcp -s 172.17.0.2 -d 172.17.0.3 --sport 1234 --dport 80
conntrack -G -p udp -s 172.17.0.2 -d 172.17.0.3 --sport 1234
conntrack -C
conntrack -S | head -1
conntrack -E & sleep 1; docker exec d1 ping -c 1 172.17.0.3 > /dev/null; sleep 1; kill %1; wait
conntrack -E -p icmp & sleep 1; docker exec d2 ping -c 2 172.17.0.2 > /dev/null; sleep 1; kill %1; wait
conntrack -E -p udp & sleep 1; docker exec d2 ping -c 1 172.17.0.2 > /dev/null; sleep 1; kill %1; wait
conntrack -E -e NEW & sleep 1; docker exec d1 ping -c 1 172.17.0.3 > /dev/null; sleep 1; kill %1; wait
conntrack -E -s 172.17.0.3 & sleep 1; docker exec d1 ping -c 1 172.17.0.3 > /dev/null; docker exec d2 ping -c 1 172.17.0.2 > /dev/null; sleep 1; kill %1; wait
timeout -s INT 3 conntrack -E -p icmp & sleep 1; docker exec d1 ping -c 1 172.17.0.3 > /dev/null; wait
conntrack -D -p icmp > /dev/null
conntrack -E -e DESTROY & sleep 1; conntrack -D -p icmp; sleep 1; kill %1; wait
conntrack -F
conntrack -E & sleep 1; conntrack -F; sleep 1; kill %1; wait
conntrack -S | head -1
docker rm -f d1 d2
