cd /work/main
psql -h 127.0.0.1 -U postgres -d sbx_prof -qc 'DELETE FROM "QueueJob"'
(DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sbx_prof SIGNALBOX_SECRET=bench-secret-0123456789abcdef NODE_ENV=production SIGNALBOX_SKIP_MIGRATE=1 PORT=3300 npx tsx scripts/serve.ts > .prof/serve.log 2>&1 &); sleep 7; npx tsx .prof/load.ts $(cat .prof/key) 3 > /dev/null; pkill -f scripts/serve.ts
N=$(psql -h 127.0.0.1 -U postgres -d sbx_prof -Atc 'select count(*) from "QueueJob"')
base=$(curl -s localhost:3398 | node -pe 'JSON.parse(require("fs").readFileSync(0)).count')
(DATABASE_URL=postgresql://postgres@127.0.0.1:5432/sbx_prof SIGNALBOX_WORKER_CONCURRENCY=24 SIGNALBOX_SECRET=bench-secret-0123456789abcdef SIGNALBOX_SKIP_MIGRATE=1 npx tsx lib/worker/main.ts > .prof/worker.log 2>&1 &)
t0=$(date +%s.%N)
while true; do sleep 0.2; c=$(curl -s localhost:3398 | node -pe 'JSON.parse(require("fs").readFileSync(0)).count'); [ $((c-base)) -ge $N ] && break; done
t1=$(date +%s.%N)
pkill -f "lib/worker/main.ts"
echo "delivered $N (worker start included) in $(echo "$t1 - $t0" | bc) s"
