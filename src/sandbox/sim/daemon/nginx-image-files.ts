/**
 * The files the official nginx 1.21.5 image ships in its web root: byte for byte, with the
 * package's mtime (Tue, 28 Dec 2021 15:28:38 GMT), which nginx's Last-Modified and ETag
 * ("61cb2d26-267" for index.html) are made of.
 */
import type { ImageFile } from './image-catalog.ts';

/** When the nginx 1.21.5 package's files were built, in ms since the epoch. */
const PACKAGE_MTIME = 0x61cb2d26 * 1000;

/** The default index.html of nginx 1.21. */
export const NGINX_WELCOME = `<!DOCTYPE html>
<html>
<head>
<title>Welcome to nginx!</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>Welcome to nginx!</h1>
<p>If you see this page, the nginx web server is successfully installed and
working. Further configuration is required.</p>

<p>For online documentation and support please refer to
<a href="http://nginx.org/">nginx.org</a>.<br/>
Commercial support is available at
<a href="http://nginx.com/">nginx.com</a>.</p>

<p><em>Thank you for using nginx.</em></p>
</body>
</html>
`;

/** The 50x.html error page of nginx 1.21 (497 bytes). */
const NGINX_50X = `<!DOCTYPE html>
<html>
<head>
<title>Error</title>
<style>
html { color-scheme: light dark; }
body { width: 35em; margin: 0 auto;
font-family: Tahoma, Verdana, Arial, sans-serif; }
</style>
</head>
<body>
<h1>An error occurred.</h1>
<p>Sorry, the page you are looking for is currently unavailable.<br/>
Please try again later.</p>
<p>If you are the system administrator of this resource then you should check
the error log for details.</p>
<p><em>Faithfully yours, nginx.</em></p>
</body>
</html>
`;

/** The web root of the nginx image. */
export const NGINX_IMAGE_FILES: readonly ImageFile[] = [
  { path: '/usr/share/nginx/html/50x.html', text: NGINX_50X, mtime: PACKAGE_MTIME },
  { path: '/usr/share/nginx/html/index.html', text: NGINX_WELCOME, mtime: PACKAGE_MTIME },
];
