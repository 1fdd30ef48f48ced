#!/usr/bin/env python3
# Issue 23 analysis (docs/EXPERIMENTS.md): run in a recipe directory whose exp/student_wer holds test decodes over the
# LM-weight x penalty grid (steps/decode.sh --lm-weights ... on data/test): python3 <this file>
# Operating point chosen on two test voices, WER counted on the other two (and the other way round): what a dev set
# of ~6,000 words of unseen voices would give, against the recipe's 567-word dev set.
import glob, os
root = 'exp/student_wer'
ref = {l.split()[0]: l.split()[1:] for l in open('data/test/text')}
spk = {l.split()[0]: l.split()[1] for l in open('data/test/utt2spk')}
voices = sorted(set(spk.values()))
folds = [set(voices[0:2]), set(voices[2:4])]
def ed(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(b)]
systems = {
 'baseline': [root + '/test_grid/baseline', root + '/test_grid_b/baseline'],
 'ensemble': [root + '/test_grid/ensemble', root + '/test_grid_b/ensemble'],
 'student (default)': [root + '/test_grid/distilled', root + '/test_grid_b/distilled'],
 'student T=1': [root + '/distilled_T1/decode_test_grid'],
 'student 2x256': [root + '/distilled_member/decode_test_grid'],
 'student 2x512': [root + '/distilled_2x512/decode_test_grid'],
 '3 students averaged': [root + '/ens_students3/decode_test_grid'],
 '3 members averaged': [root + '/ens_members3/decode_test_grid'],
}
errs = {}
for name, dirs in systems.items():
    pts = {}
    for d in dirs:
        for f in glob.glob(d + '/scoring/penalty_*/*.txt'):
            p = f.split('penalty_')[1].split('/')[0] + '/' + os.path.basename(f)[:-4]
            pts[p] = f
    errs[name] = {}
    for p, f in pts.items():
        hyp = {l.split()[0]: l.split()[1:] for l in open(f)}
        e = [0, 0]
        for u, r in ref.items():
            k = 0 if spk[u] in folds[0] else 1
            e[k] += ed(r, hyp.get(u, []))
        errs[name][p] = e
common = set.intersection(*[set(v) for v in errs.values()])
words = [sum(len(r) for u, r in ref.items() if spk[u] in folds[k]) for k in range(2)]
print('folds', [sorted(f) for f in folds], 'words', words, 'common points', len(common))
res = {}
for name, e in errs.items():
    tot = 0
    for k in range(2):
        best = min(common, key=lambda p: (e[p][k], p))  # chosen on fold k
        tot += e[best][1 - k]                         # counted on the other fold
    res[name] = 100.0 * tot / sum(words)
    print(f'{name:22s} {res[name]:6.2f}')
b, t = res['baseline'], res['ensemble']
for name in res:
    if name.startswith('student') or name.startswith('3 students'):
        print(f'kept by {name}: {100 * (b - res[name]) / (b - t):.1f} %')
