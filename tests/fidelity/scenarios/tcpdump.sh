# tcpdump (4.99.3, libpcap 1.10.3) on the host: banners, option and filter errors, and the
# packets the model moves on docker0, a user bridge, a veth, lo and `any`, as each interface sees
# them. A capture runs in the background of the line with -c N; the line waits for it.
# @timeout 20
docker run -d --name b1 busybox sleep 3600
docker run -d --name b2 busybox sleep 3600
tcpdump --version
tcpdump -i nosuch0
tcpdump -n -i nosuch0 icmp
tcpdump -c x -i docker0
tcpdump -c 0 -i docker0
tcpdump -Z
tcpdump -n -i docker0 'icmp and'
tcpdump -n -i docker0 foo
tcpdump -n -i docker0 host
tcpdump -n -i docker0 'icmp or (tcp'
tcpdump -n -i docker0 port 99999
tcpdump -n -i docker0 net 172.17.0.0/33
tcpdump -n -i docker0 'tcp port 80 or'
tcpdump -n -i docker0 'host 172.17.0.2 and and icmp'
tcpdump -n -i docker0 src
tcpdump -n -i docker0 'not'
tcpdump -n -i docker0 ether host 02:42:ac:11
docker exec b1 tcpdump -n -i eth0
tcpdump -n -c 4 -i docker0 icmp & sleep 1; docker exec b1 ping -c 2 172.17.0.3 > /dev/null; wait
tcpdump -nn -c 2 -i docker0 icmp & sleep 1; docker exec b2 ping -c 1 172.17.0.2 > /dev/null; wait
tcpdump -e -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -q -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -t -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -l -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -v -n -c 2 -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i docker0 'icmp and src host 172.17.0.2' & sleep 1; docker exec b1 ping -c 2 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i docker0 'icmp and dst 172.17.0.2' & sleep 1; docker exec b1 ping -c 2 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i docker0 'host 172.17.0.3 && !arp' & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i docker0 'net 172.17.0.0/16 and (icmp or udp)' & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i docker0 ether host 02:42:ac:11:00:03 & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 4 -i any icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 4 -i any icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.1 > /dev/null; wait
tcpdump -n -c 4 -i any icmp & sleep 1; ping -c 1 172.17.0.2 > /dev/null; wait
tcpdump -n -c 2 -i docker0 icmp & sleep 1; ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 2 -i $(ip -o link show master docker0 | head -n 1 | awk '{print $2}' | sed 's/@.*//') icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
docker run -d --name b3 busybox sleep 3600
tcpdump -n -c 4 -i docker0 'arp or icmp' & sleep 1; docker exec b1 ping -c 1 172.17.0.4 > /dev/null; wait
tcpdump -e -n -c 2 -i docker0 arp & sleep 1; docker exec b2 ping -c 1 172.17.0.4 > /dev/null; wait
tcpdump -n -c 2 -i lo icmp & sleep 1; ping -c 1 127.0.0.1 > /dev/null; wait
tcpdump -c 2 -i lo icmp & sleep 1; ping -c 1 127.0.0.1 > /dev/null; wait
tcpdump -n -c 2 -i lo & sleep 1; ping -c 1 127.0.0.1 > /dev/null; wait
tcpdump -n -c 2 -i any 'host 127.0.0.1' & sleep 1; ping -c 1 127.0.0.1 > /dev/null; wait
docker run -d --name web -p 8080:80 nginx
tcpdump -n -c 3 -i docker0 tcp & sleep 1; docker exec b1 wget -q -O /dev/null http://172.17.0.5/; wait
tcpdump -q -n -c 3 -i docker0 tcp & sleep 1; docker exec b1 wget -q -O /dev/null http://172.17.0.5/; wait
tcpdump -n -c 12 -i docker0 tcp port 80 & sleep 1; docker exec b1 wget -q -O /dev/null http://172.17.0.5/; wait
tcpdump -n -c 3 -i docker0 'tcp and dst port 80' & sleep 1; docker exec b2 wget -q -O /dev/null http://172.17.0.5/; wait
tcpdump -n -c 3 -i docker0 'src port 80' & sleep 1; docker exec b2 wget -q -O /dev/null http://172.17.0.5/; wait
tcpdump -n -c 3 -i docker0 tcp & sleep 1; wget -q -O /dev/null http://10.0.2.15:8080/; wait
tcpdump -n -c 3 -i docker0 tcp & sleep 1; wget -q -O /dev/null http://127.0.0.1:8080/; wait
docker network create n1
docker run -d --name u1 --network n1 busybox sleep 3600
docker run -d --name u2 --network n1 busybox sleep 3600
tcpdump -n -c 4 -i br-$(docker network inspect -f '{{.Id}}' n1 | head -c 12) 'icmp or arp' & sleep 1; docker exec u1 ping -c 1 u2 > /dev/null; wait
nsenter -t $(docker inspect -f '{{.State.Pid}}' u1) -n tcpdump -n -c 2 -i eth0 icmp & sleep 1; docker exec u1 ping -c 1 u2 > /dev/null; wait
timeout -s INT 2 tcpdump -n -i docker0 icmp
timeout -s INT 3 tcpdump -n -i docker0 icmp & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
tcpdump -n -c 1 -i docker0 icmp > /dev/null & sleep 1; docker exec b1 ping -c 1 172.17.0.3 > /dev/null; wait
