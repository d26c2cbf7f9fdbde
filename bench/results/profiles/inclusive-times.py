import json,sys,collections
d=json.load(open(sys.argv[1]))
frames=d['shared']['frames']
pat=sys.argv[2].split(',') if len(sys.argv)>2 else ['KpiIngest','Sqlite']
for p in d['profiles']:
    dur=p['endValue']-p['startValue']
    if dur<1000 or len(p['events'])<200: continue
    incl=collections.Counter(); stack=[]; opened={}
    for e in p['events']:
        f=e['frame']; t=e['at']
        if e['type']=='O':
            stack.append((f,t))
        else:
            f0,t0=stack.pop()
            if not any(s[0]==f0 for s in stack):
                incl[f0]+=t-t0
    print('==',p['name'],round(dur),'ms')
    for f,ms in incl.most_common(400):
        n=frames[f]['name']
        if any(x in n for x in pat) and ms>40:
            print(f'{ms:9.0f}  {n[:150]}')
