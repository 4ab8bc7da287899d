# iptables golden configuration 'localhost' (the files tests/fidelity/iptables/localhost.*.golden are written from this recording)
# @fresh-daemon
docker run -d --name web -p 127.0.0.1:8080:80 nginx
iptables -S
iptables -t nat -S
iptables -L -n
iptables -t nat -L -n
iptables -L -n -v
iptables -t nat -L -n -v --line-numbers
