# contextlib docs: closing(urlopen(...)), against a local server on 127.0.0.1
# (the docs fetch https://www.python.org; the story needs no network).
import threading
from contextlib import closing
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.request import urlopen


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"line one\nline two\n"
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
threading.Thread(target=server.serve_forever, daemon=True).start()
url = f"http://127.0.0.1:{server.server_port}/"

with closing(urlopen(url)) as page:
    for line in page:
        print(line.decode().rstrip("\n"))
print(f"response closed: {page.closed}")

server.shutdown()
server.server_close()
