#!/usr/bin/env bash
# Runs each libFuzzer target of darkroom-fuzz (`darkroom-fuzz TARGET …`) for FUZZ_SECONDS (or FUZZ_RUNS executions), one after another.
#   scripts/fuzz.sh BINARY [TARGET…]      (make fuzz builds BINARY first)
# Seeds come from ../shared/testdata (read in place) plus small generated ones under $FUZZ_WORK/seeds; the
# corpus each run grows is kept in $FUZZ_WORK/corpus/<target>, crash artifacts in $FUZZ_WORK/artifacts.
# Exits non-zero when any target reports a crash, a leak, a sanitizer error or one input running over 60 s
# (generous: on a loaded machine a 10 s limit reported inputs that replay in milliseconds).
set -uo pipefail
binary=$1; shift
targets=("$@")
(( ${#targets[@]} )) || targets=(png s3-xml request-body lambda-event config-files key-decoder sigv4 terminal-replies search-query)
seconds=${FUZZ_SECONDS:-10}
runs=${FUZZ_RUNS:--1}
work=${FUZZ_WORK:-.build-fuzz/work}
testdata=${DARKROOM_TESTDATA:-$(cd "$(dirname "$0")/.." && pwd)/../shared/testdata}
mkdir -p "$work/seeds" "$work/artifacts"

seed() {  # seed TARGET NAME TEXT
    mkdir -p "$work/seeds/$1"
    printf '%b' "$3" > "$work/seeds/$1/$2"
}
seed s3-xml list '<?xml version="1.0" encoding="UTF-8"?>\n<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Name>b</Name><Prefix>output-images/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>true</IsTruncated><NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken><Contents><Key>output-images/20261126T024935Z-4-a%20b.png</Key><LastModified>2026-11-26T02:49:35.000Z</LastModified><ETag>&quot;4d235eb5&quot;</ETag><Size>143000</Size><StorageClass>STANDARD</StorageClass></Contents><CommonPrefixes><Prefix>output-images/x/</Prefix></CommonPrefixes><EncodingType>url</EncodingType></ListBucketResult>'
seed s3-xml error '<?xml version="1.0"?><Error><Code>NoSuchKey</Code><Message>The key &lt;x&gt; &#x41;&#65; does not exist</Message><!-- c --><![CDATA[raw]]></Error>'
seed request-body full '{"message": "A cat running a marathon\\n\\u00e9", "negative_prompt": "rain", "model": "stability.stable-diffusion-xl-v1", "cfg_scale": 7.5, "steps": 30, "seed": 42, "width": 1024, "height": 1024, "style_preset": "photographic", "sampler": "K_EULER", "async": false}'
seed request-body nova '{"message":"a fox","model":"amazon.nova-canvas-v1:0","seed":0,"width":1280,"height":720,"async":true}'
seed request-body odd '[1e5, -0.0, true, null, {"a": [{}]}, "\\ud83d\\udc08"]'
seed lambda-event direct '{"darkroom_job":{"key":"output-images/x.png","parameters":{"prompt":"p","model":"m","width":1,"height":1,"negative_prompt":""},"requested_at":"2026-11-26T02:49:35Z"}}'
seed config-files darkroom 'backend = api\nendpoint = https://abc.execute-api.eu-west-1.amazonaws.com/image-generation\nbucket = b\nprofile = studio\nregion = eu-west-1\nconcurrency = 2\n# comment\n'
seed config-files aws '[default]\nregion = us-east-1\naws_access_key_id = AKID\naws_secret_access_key = s\n[profile studio]\ncredential_process = /bin/echo {}\ns3 =\n  endpoint_url = http://127.0.0.1:9000\n[services local]\ns3 =\n  endpoint_url = x\n'
seed terminal-replies kitty '\x1bP>|kitty(0.26.5)\x1b\\\x1b_Gi=31;OK\x1b\\\x1b[6;20;10t\x1b[?62;4;22c'
seed terminal-replies xterm '\x1bP>|XTerm(379)\x1b\\\x1b[6;17;9t\x1b[?63;1;2;4;6;9;15;22c'
seed search-query fields 'lighthouse seed:42 cfg:4 steps:20 size:1024x1024 style:anime sampler:k_euler model:sdxl after:2026-11-01 before:20261130'
seed search-query text '🦊 と桜 "quoted" 100% _x_ negative:blurry 16:9 :) fox* NEAR(a b) OR NOT -- ; DROP'
seed key-decoder keys '\x00\x00\x1b\x00\x00\x61\x01\x01\x04\x10\x02\x2c\x00\x00\x7f\x00\x00\x03\x02\xd8\x00'

sources() {  # extra seed folders from the shared test data, read in place
    # Inputs that once failed a target (Tests/FuzzRegressions/<target>/): replayed first on every run.
    regressions="$(cd "$(dirname "$0")/.." && pwd)/Tests/FuzzRegressions/$1"
    [[ -d $regressions ]] && echo "$regressions"
    case $1 in
        png) echo "$testdata/pngsuite/png" ;;
        lambda-event|request-body) echo "$testdata/apigw-events" ;;
        sigv4) find "$testdata/sigv4/v4" -name request.txt -printf '%h\n' 2>/dev/null | sort -u | head -40 ;;
    esac
}

status=0
printf '%-14s %12s %8s  %s\n' target executions exec/s result
for target in "${targets[@]}"; do
    mkdir -p "$work/corpus/$target" "$work/seeds/$target"
    mapfile -t extra < <(sources "$target")
    log="$work/$target.log"
    "$binary" "$target" "$work/corpus/$target" "$work/seeds/$target" "${extra[@]}" \
        -max_total_time="$seconds" -runs="$runs" -rss_limit_mb=2048 -malloc_limit_mb=1024 -max_len=65536 -timeout=60 \
        -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" >"$log" 2>&1
    result=$?
    executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    if (( result == 0 )); then outcome=ok; else outcome="FAILED (exit $result, see $log)"; status=1; fi
    printf '%-14s %12s %8s  %s\n' "$target" "${executions:-?}" "${speed:-?}" "$outcome"
    if (( result != 0 )); then grep -E "ERROR:|SUMMARY|fatal|Fatal|invariant" "$log" | head -5; fi
done
exit $status
