#!/usr/bin/env bash
# The main job: install what is missing, start the local stack, run the pipeline over the seeds
# (or the file or directory given as argument), wait until every document is accounted for in
# PostgreSQL (an article row, or a dead letter with its reason), and print what was stored.
#
#   deploy/local/run.sh                 # ../shared/seeds
#   deploy/local/run.sh path/to/dir     # any file or directory
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
here="$(dirname "${BASH_SOURCE[0]}")"

input="${1:-$ROOT/../shared/seeds}"
[ -e "$input" ] || die "no input at $input: give a file or directory as the first argument"
input="$(cd "$(dirname "$input")" && pwd)/$(basename "$input")"
source_name="${SOURCE_NAME:-$(basename "$input" | sed 's/\.[^.]*$//')}"

"$here/install.sh"
"$here/up.sh"
set -a
# shellcheck disable=SC1091
. "$LOCAL/stack.env"
set +a

report="$LOCAL/run/fetch-$(date +%Y%m%dT%H%M%S).jsonl"
log "fetching $input as source '$source_name'"
# The fetcher connects as its own role (its crawl state only).
DATABASE_URL="${DATABASE_URL_FETCHER:-$DATABASE_URL}" \
    "$(target_dir)/debug/sahel-fetcher" --once --path "$input" --source-name "$source_name" \
    --report "$report" --http-addr 127.0.0.1:0 --log-filter warn
ids="$(python3 -c 'import json, sys
print(",".join(r["document_id"] for r in map(json.loads, open(sys.argv[1])) if "document_id" in r))' "$report")"
n="$(python3 -c 'import sys; print(len([x for x in sys.argv[1].split(",") if x]))' "$ids")"
[ "$n" -gt 0 ] || die "nothing was fetched from $input"

log "waiting until all $n documents are accounted for in PostgreSQL"
accounted_sql="SELECT count(*) FROM unnest(string_to_array('$ids', ',')) d(id)
  WHERE EXISTS (SELECT 1 FROM articles a WHERE a.document_id = d.id)
     OR EXISTS (SELECT 1 FROM dead_letters l WHERE l.message_key = d.id)"
deadline=$((SECONDS + 180))
while :; do
    got="$(psql_stack -tA -c "$accounted_sql" 2>/dev/null || echo 0)"
    [ "$got" = "$n" ] && break
    [ $SECONDS -lt $deadline ] || die "only $got of $n documents reached PostgreSQL within 180 s: see $LOCAL/logs/"
    sleep 0.5
done
# The events of the last articles travel one topic further: wait until the mention count has
# been still for two seconds.
last=-1; still=0
while [ $still -lt 4 ]; do
    now="$(psql_stack -tA -c "SELECT count(*) FROM event_mentions")"
    if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last="$now"; fi
    sleep 0.5
done

docs="string_to_array('$ids', ',')"
echo
echo "Articles ($n documents from $input)"
psql_stack -c "
SELECT regexp_replace(a.url_or_path, '^.*/', '') AS document,
       a.language || ' (' || round(a.language_confidence::numeric, 2) || ')' AS language,
       a.word_count AS words,
       CASE WHEN a.duplicate_of IS NULL THEN 'unique'
            ELSE a.dedup_verdict || ' of ' || coalesce(regexp_replace(o.url_or_path, '^.*/', ''), a.duplicate_of) END AS duplicate_status,
       coalesce(to_char(a.published_at, 'YYYY-MM-DD'), '-') AS published,
       left(regexp_replace(coalesce(a.title, substr(a.main_text, 1, 200)), '\s+', ' ', 'g'), 60) AS title_or_start
FROM articles a LEFT JOIN articles o ON o.article_id = a.duplicate_of
WHERE a.document_id = ANY ($docs)
ORDER BY a.url_or_path;"
rejected="$(psql_stack -tA -c "SELECT count(*) FROM dead_letters WHERE message_key = ANY ($docs)")"
if [ "$rejected" != 0 ]; then
    echo "Documents dead-lettered"
    psql_stack -c "SELECT message_key AS document_id, service, error_kind, left(error, 80) AS reason
                   FROM dead_letters WHERE message_key = ANY ($docs) ORDER BY 1;"
fi
echo "Events"
psql_stack -c "
SELECT e.event_type || coalesce('/' || e.event_mode, '') AS event,
       coalesce(e.actor1_name, '-') || coalesce(' (' || e.actor1_country || ')', '') AS actor1,
       coalesce(e.actor2_name, '-') || coalesce(' (' || e.actor2_country || ')', '') AS actor2,
       coalesce(e.event_date::text || ' ' || e.date_precision, '-') AS date,
       coalesce(e.place_name || ', ' || e.place_country, '-') AS place,
       e.num_mentions AS mentions,
       left(regexp_replace(e.evidence, '\s+', ' ', 'g'), 70) AS evidence
FROM events_export e
WHERE e.article_ids && (SELECT array_agg(article_id) FROM articles WHERE document_id = ANY ($docs))
ORDER BY e.event_date NULLS LAST, e.event_type, e.event_mode NULLS FIRST, e.actor1_name NULLS FIRST,
         e.actor2_name NULLS FIRST, e.evidence;"

cat <<MSG
Query further (settings in $LOCAL/stack.env):
  set -a; . $LOCAL/stack.env; set +a
  psql "\$DATABASE_URL" -c 'SELECT * FROM events_export LIMIT 20'
  psql "\$DATABASE_URL" -c 'SELECT * FROM articles_export'
  kcat -b "\$KAFKA_BROKERS" -C -t events.extracted -e      # apt-get install kcat
Service logs: $LOCAL/logs/   metrics: curl http://\$HTTP_ADDR_WRITER/metrics
Stop the stack: deploy/local/down.sh   (add --purge to delete its data)
MSG
