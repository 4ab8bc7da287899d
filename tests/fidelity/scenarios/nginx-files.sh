# nginx serves the container's files: the stock page (HEAD and GET), a replaced index.html, new .txt and .json files a learner writes, a missing file (404 page), a directory without index (403) and without its slash (301), ls/cat of the web root, the access and error log lines. Piped `curl -sI | grep` compares the status and Content-* headers without curl's bold tty headers and the Date. The recording image's nginx is Debian's 1.22.1 (the simulator's is the official image's 1.21.5): the Server header, the error pages' signature and the stock page's mtime differ by that.
docker run -d --name web nginx
# @sleep 1
curl -sI http://172.17.0.2/
curl -s http://172.17.0.2/ | head -n 4
curl -sI http://172.17.0.2/50x.html | grep -e Content -e HTTP
docker exec web ls /usr/share/nginx/html
docker exec web sh -c 'echo hello > /usr/share/nginx/html/index.html'
docker exec web cat /usr/share/nginx/html/index.html
curl -s http://172.17.0.2/
curl -sI http://172.17.0.2/
curl -s http://172.17.0.2/index.html
curl -sI http://172.17.0.2/ | grep -e Content -e HTTP
docker exec web sh -c 'echo "plain text" > /usr/share/nginx/html/a.txt'
curl -sI http://172.17.0.2/a.txt
curl -s http://172.17.0.2/a.txt
curl -sI http://172.17.0.2/a.txt | grep -e Content -e HTTP
docker exec web sh -c 'echo "{\"ok\": true}" > /usr/share/nginx/html/data.json'
curl -sI http://172.17.0.2/data.json
curl -s http://172.17.0.2/data.json
curl -sI http://172.17.0.2/data.json | grep -e Content -e HTTP
curl -sI http://172.17.0.2/missing.html
curl -s http://172.17.0.2/missing.html
curl -sI http://172.17.0.2/missing.html | grep -e Content -e HTTP
docker exec web sh -c 'mkdir /usr/share/nginx/html/d; echo note > /usr/share/nginx/html/d/note.txt'
curl -sI http://172.17.0.2/d/
curl -s http://172.17.0.2/d/
curl -sI http://172.17.0.2/d
docker exec web sh -c 'echo inside > /usr/share/nginx/html/d/index.html'
curl -s http://172.17.0.2/d/
curl -s http://172.17.0.2/50x.html | head -n 4
docker exec web ls /usr/share/nginx/html
docker logs web 2>/dev/null | tail -n 3
docker logs web 2>&1 >/dev/null | tail -n 2
docker exec web wc -c /usr/share/nginx/html/a.txt
wc /tmp/nope.txt
docker run --rm busybox wc /nope.txt
