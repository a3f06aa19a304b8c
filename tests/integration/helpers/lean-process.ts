// A web process serving only the lean path (no Next), on PORT, over DATABASE_URL — to kill -9 during a burst.
import http from "node:http";
import { serveLean } from "@/lib/server/lean-http";

const server = http.createServer((req, res) => {
  if (!serveLean(req, res)) res.writeHead(404).end();
});
server.listen(Number(process.env.PORT), "127.0.0.1", () => console.log("lean ready"));
