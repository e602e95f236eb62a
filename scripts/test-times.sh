#!/usr/bin/env bash
# Where the test time goes, from the TestResults/*.trx files of a run (scripts/test.sh writes them):
# each project's wall time, the per-class totals (sum of test durations; a class fixture's start-up counts in its
# first test) and the N slowest tests (default 30).
# Usage: scripts/test-times.sh [results-directory] [N]
set -euo pipefail
dir=${1:-TestResults}; n=${2:-30}
python3 - "$dir" "$n" <<'PY'
import glob, os, sys, re
import xml.etree.ElementTree as ET
from datetime import datetime
d, n = sys.argv[1], int(sys.argv[2])
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
def secs(s):
    h, m, rest = s.split(":"); return int(h) * 3600 + int(m) * 60 + float(rest)
def when(s):
    s = re.sub(r"(\.\d{6})\d*", r"\1", s); return datetime.fromisoformat(s)
tests, classes = [], {}
print("project                       wall s   tests  sum of tests s")
for trx in sorted(glob.glob(os.path.join(d, "*.trx"))):
    root = ET.parse(trx).getroot()
    t = root.find("t:Times", ns)
    wall = (when(t.get("finish")) - when(t.get("start"))).total_seconds()
    rs = root.findall(".//t:UnitTestResult", ns)
    total = 0.0
    for r in rs:
        dur = secs(r.get("duration", "0:0:0"))
        name = r.get("testName").split("(")[0]
        cls = name.rsplit(".", 1)[0].replace("CommandCenter.", "")
        tests.append((dur, name.replace("CommandCenter.", ""), r.get("outcome")))
        classes[cls] = classes.get(cls, 0.0) + dur
        total += dur
    print(f"{os.path.basename(trx)[:-4]:28} {wall:7.0f} {len(rs):7} {total:14.0f}")
print("\nper class (sum of its tests' durations, s):")
for cls, s in sorted(classes.items(), key=lambda kv: -kv[1]):
    if s >= 1: print(f"{s:8.1f}  {cls}")
print(f"\n{n} slowest tests (s):")
for dur, name, outcome in sorted(tests, reverse=True)[:n]:
    print(f"{dur:8.1f}  {name[:150]}{'' if outcome == 'Passed' else '  [' + outcome + ']'}")
PY
