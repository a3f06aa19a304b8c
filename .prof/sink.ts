import { startBenchSink } from "../scripts/bench/sink";
import http from "node:http";
const sink = await startBenchSink();
console.log(sink.url);
// report count on demand
http.createServer((_req, res) => res.end(JSON.stringify({ count: sink.count, first: sink.first, last: sink.last }))).listen(3398);
