# iptables golden configuration 'udp' (the files tests/fidelity/iptables/udp.*.golden are written from this recording)
# @fresh-daemon
docker run -dit --name u1 -p 5353:53/udp busybox
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
