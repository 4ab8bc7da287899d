# curl writing files (#13 item 4): -o FILE and -O save the body and show the progress meter on
# stderr (also when stdout is a pipe), -s hides it, -O needs a file name in the URL; GNU wget -q
# -O FILE and -O - for comparison.
# @timeout 20
docker run -d --name web -p 8080:80 nginx
sleep 1
curl -o /tmp/vethlab-t13-a.html http://127.0.0.1:8080/
head -4 /tmp/vethlab-t13-a.html
curl -s -o /tmp/vethlab-t13-b.html http://127.0.0.1:8080/; wc -c /tmp/vethlab-t13-b.html
curl -o /tmp/vethlab-t13-c.html http://127.0.0.1:8080/ 2>/dev/null; echo $?
curl -o /tmp/vethlab-t13-d.html http://127.0.0.1:8080/ | cat
curl -o
curl -sO http://127.0.0.1:8080/index.html; wc -c index.html
curl -O http://127.0.0.1:8080/
curl -o /tmp/vethlab-t13-e.html http://127.0.0.1:8080/nosuch; head -3 /tmp/vethlab-t13-e.html
curl -o - http://127.0.0.1:8080/ | head -2
wget -q -O /tmp/vethlab-t13-g.html http://127.0.0.1:8080/; wc -c /tmp/vethlab-t13-g.html
wget -q -O - http://127.0.0.1:8080/ | head -4
docker rm -f web
