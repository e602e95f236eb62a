#!/usr/bin/env python3
# CPU per thread name of every running host (CommandCenter.Dashboard.dll) and influxd, over N seconds:
#   python3 bench/tools/thread-cpu.py 75 & dotnet bench/Ingest/bin/Release/net10.0/Ingest.Bench.dll --only durable
# One line per process seen for 3 s or more: cores per thread name (".NET TP Worker", ".NET Tiered Compilation", ".NET Server GC", …).
# How the JIT was found to be still compiling during the ingest cells (bench/results/ingest-before-after.md, third session).
import os, time, sys, collections
hz=os.sysconf('SC_CLK_TCK'); seen={}
end=time.time()+float(sys.argv[1])
while time.time()<end:
    for pid in os.listdir('/proc'):
        if not pid.isdigit(): continue
        try: cmd=open(f'/proc/{pid}/cmdline','rb').read()
        except: continue
        if b'CommandCenter.Dashboard.dll' not in cmd and b'influxd' not in cmd: continue
        snap={}
        try:
            for tid in os.listdir(f'/proc/{pid}/task'):
                try:
                    st=open(f'/proc/{pid}/task/{tid}/stat').read()
                    comm=st[st.index('(')+1:st.rindex(')')]; f=st[st.rindex(')')+2:].split()
                    snap[tid]=(comm,int(f[11])+int(f[12]))
                except: pass
        except: continue
        d=seen.setdefault(pid,{'first':(time.time(),snap),'last':None,'name':'influxd' if b'influxd' in cmd else 'host'})
        d['last']=(time.time(),snap)
    time.sleep(0.5)
for pid,d in seen.items():
    (t0,s0),(t1,s1)=d['first'],d['last']; wall=t1-t0
    if wall<3: continue
    by=collections.Counter()
    for tid,(comm,ticks) in s1.items():
        by[comm]+= (ticks-(s0.get(tid,(comm,0))[1]))/hz
    tot=sum(by.values())
    print(f"{d['name']} {pid}: {wall:.1f}s wall, {tot/wall:.2f} cores: "+", ".join(f"{c}={v/wall:.2f}" for c,v in by.most_common(8)))
