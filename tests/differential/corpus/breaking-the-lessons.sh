# Learner variants: testing what lesson 5 claims by breaking it (issue 13, item 1).
docker run -dit --name o1 busybox
docker exec o1 ping -c 1 -W 2 8.8.8.8
iptables -t nat -D POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
docker exec o1 ping -c 1 -W 2 8.8.8.8
iptables -t nat -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE
docker exec o1 ping -c 1 -W 2 8.8.8.8
sysctl net.ipv4.ip_forward
sysctl -w net.ipv4.ip_forward=0
docker exec o1 ping -c 1 -W 2 8.8.8.8
sysctl -w net.ipv4.ip_forward=1
iptables -I DOCKER-USER -i docker0 -j DROP
docker exec o1 ping -c 1 -W 2 8.8.8.8
iptables -D DOCKER-USER -i docker0 -j DROP
docker run -d --name web -p 1234:80 nginx
wget -q -O - http://127.0.0.1:1234 | head -4
iptables -t nat -D DOCKER ! -i docker0 -p tcp -m tcp --dport 1234 -j DNAT --to-destination 172.17.0.3:80
wget -q -T 2 -O - http://10.0.2.15:1234 | head -4
iptables -S FORWARD
