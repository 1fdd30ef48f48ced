#!/usr/bin/env python3
# Issue 23 analysis (docs/EXPERIMENTS.md): does the student's frame-accuracy gain fall where the ensemble's gain fixes
# words? Run in a recipe directory after stage 11 (decodes of the test set at each system's dev-chosen point):
#   python3 <this file> [baseline_dir ensemble_dir student_dir]      (default: exp/dnn_baseline exp/ensemble exp/distilled)
# Utterances are grouped by what the ensemble does to their word errors against the baseline (fixes, breaks, same);
# in each group: the frame-accuracy gain over the baseline of the ensemble and of the student, the student's kept
# share of it, and the word errors of the three. A student whose frame gain is spread evenly while the ensemble's
# concentrates where words are fixed keeps frame accuracy without keeping WER.
import os, subprocess, sys

dirs = sys.argv[1:4] if len(sys.argv) >= 4 else ['exp/dnn_baseline', 'exp/ensemble', 'exp/distilled']
names = ['baseline', 'ensemble', 'student']
ali = 'exp/tri1_ali_test' if os.path.isdir('exp/tri1_ali_test') else 'exp/ctm_ali_test'


def model_of(d):
    return d + ('/ensemble.mdl' if os.path.exists(d + '/ensemble.mdl') else '/final.mdl')


def per_utt_frames(d):
    f = d + '/eval/test.per_utt'
    if not os.path.exists(f):
        subprocess.run(['amd', 'eval-frame-acc', '--model=' + model_of(d), '--per-utt=' + f,
                        'scp:data/test/feats.scp', 'ark:%s/ali.1.ark' % ali], check=True, stdout=subprocess.DEVNULL)
    out = {}
    for l in open(f):
        u, c, n = l.split()
        out[u] = (int(c), int(n))
    return out


def edit_distance(a, b):
    d = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        prev, d[0] = d[0], i
        for j in range(1, len(b) + 1):
            cur = min(d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] != b[j - 1]))
            prev, d[j] = d[j], cur
    return d[len(b)]


ref = {l.split()[0]: l.split()[1:] for l in open('data/test/text')}


def word_errors(d):
    # the hypotheses at the point the test WER is reported at (the dev-chosen LM weight and penalty)
    point = open(d + '/decode_test/scoring_kaldi/wer_from_dev').read().split()[-1]
    lmwt, wip = point.rsplit('/', 1)[1].split('_')[1:3]
    hyp = {}
    for l in open('%s/decode_test/scoring/penalty_%s/%s.txt' % (d, wip, lmwt)):
        p = l.split()
        hyp[p[0]] = p[1:]
    return {u: edit_distance(ref[u], hyp.get(u, [])) for u in ref}


frames = [per_utt_frames(d) for d in dirs]
errs = [word_errors(d) for d in dirs]
utts = sorted(set(ref) & set(frames[0]) & set(frames[1]) & set(frames[2]))


def acc(m, us):
    c = sum(frames[m][u][0] for u in us)
    n = sum(frames[m][u][1] for u in us)
    return 100.0 * c / max(n, 1), n


# Grouped by the ensemble's word errors, then by the student's: the selection favours the grouping system's own frame
# gain in its "fixes" group (its noise chose the group), so each grouping is read against the other.
for by, who in ((1, 'ensemble'), (2, 'student')):
    groups = {who + ' fixes words': [], who + ' breaks words': [], 'same word errors': []}
    for u in utts:
        k = who + (' fixes words' if errs[by][u] < errs[0][u] else ' breaks words') if errs[by][u] != errs[0][u] \
            else 'same word errors'
        groups[k].append(u)
    print('\nGrouped by the %s\'s word errors against the baseline\'s:\n' % who)
    print('| utterances | n | words | frames | frame acc baseline / ensemble / student | ensemble gain | student gain | kept | word errors baseline / ensemble / student |')
    print('| --- | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |')
    for k, us in list(groups.items()) + [('all', utts)]:
        a = [acc(m, us)[0] for m in range(3)]
        words = sum(len(ref[u]) for u in us)
        ge, gs = a[1] - a[0], a[2] - a[0]
        kept = '%.0f %%' % (100 * gs / ge) if abs(ge) > 1e-9 else '-'
        e = [sum(errs[m][u] for u in us) for m in range(3)]
        print('| %s | %d | %d | %d | %.2f / %.2f / %.2f | %+.2f | %+.2f | %s | %d / %d / %d |' % (
            k, len(us), words, acc(0, us)[1], a[0], a[1], a[2], ge, gs, kept, e[0], e[1], e[2]))
