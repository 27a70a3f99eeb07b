"""One size of the scale benchmark in PyTorch: a LightGCN full-batch epoch and SimGCL mini-batch
steps on the graph `Benchmarks --scale NAME --write-graph PATH` wrote, on 2 threads.

Usage: python torch_scale.py GRAPH_FILE [--simgcl-batches N]

The models are the seeds' (LightGCN seed 001, SimGCL seed 000) on torch.sparse. One change for
size: the full-batch BPR is summed over chunks of 2^20 pairs, each back-propagated into the
propagated embeddings on its own, then once through the propagation. The gradient is the same as
the seed's one-shot loss, but the seed's version materialises three pairs×64 gathers (19 GB at
25M ratings), which no shared machine holds. Prints one JSON line.
"""
import json, resource, sys, time

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(2)
torch.manual_seed(0)
path = sys.argv[1]
batches = int(sys.argv[sys.argv.index("--simgcl-batches") + 1]) if "--simgcl-batches" in sys.argv else 3

header = np.fromfile(path, dtype="<i8", count=3)
num_users, num_items, m = map(int, header)
body = np.fromfile(path, dtype="<i4", offset=24)
users = torch.from_numpy(body[:m].astype(np.int64)); items = torch.from_numpy(body[m:].astype(np.int64))
t0 = time.perf_counter()
n = num_users + num_items
rows = torch.cat([users, items + num_users]); cols = torch.cat([items + num_users, users])
deg = torch.bincount(rows, minlength=n).float()
vals = 1.0 / (torch.sqrt(deg[rows]) * torch.sqrt(deg[cols]))
adj = torch.sparse_coo_tensor(torch.stack([rows, cols]), vals, size=(n, n)).coalesce()
del rows, cols, vals
graph_s = time.perf_counter() - t0

def tables():
    u = torch.nn.Parameter(torch.randn(num_users, 64) * 0.01); i = torch.nn.Parameter(torch.randn(num_items, 64) * 0.01)
    return u, i

# LightGCN, full batch: 3 layers averaged with layer 0, BPR (log of sigmoid) + 1e-6 L2, Adam.
ue0, ie0 = tables(); opt = torch.optim.Adam([ue0, ie0], lr=1e-3)
def lightgcn_epoch():
    neg = torch.randint(0, num_items, (m,))
    a = torch.cat([ue0, ie0]); e = a
    for _ in range(3):
        a = torch.spmm(adj, a); e = e + a
    final = e / 4
    f = final.detach().requires_grad_()
    ue, ie = f[:num_users], f[num_users:]
    total = 0.0
    chunk = 1 << 20
    for s in range(0, m, chunk):
        u = users[s:s + chunk]; uu = ue[u]
        d = (uu * ie[items[s:s + chunk]]).sum(-1) - (uu * ie[neg[s:s + chunk]]).sum(-1)
        part = -torch.log(torch.sigmoid(d)).sum() / m
        part.backward(); total += part.item()
    reg = 1e-6 * ((ue0 ** 2).sum() + (ie0 ** 2).sum())
    opt.zero_grad(); final.backward(f.grad); reg.backward(); opt.step()
    return total + reg.item()

lightgcn_epoch()
t0 = time.perf_counter(); lightgcn_epoch(); lightgcn_s = time.perf_counter() - t0

# SimGCL: clean + two perturbed propagations, BPR + L2 + 0.01 InfoNCE over a batch of 1024.
us, is_ = tables(); sopt = torch.optim.Adam([us, is_], lr=1e-3)
def propagate(perturbed):
    e = torch.cat([us, is_]); alls = []
    for _ in range(3):
        e = torch.spmm(adj, e)
        if perturbed: e = e + torch.sign(e) * F.normalize(torch.rand_like(e), dim=-1) * 0.1
        alls.append(e)
    return torch.split(torch.stack(alls, dim=1).mean(dim=1), [num_users, num_items])
def info_nce(v1, v2, t):
    v1, v2 = F.normalize(v1, dim=1), F.normalize(v2, dim=1)
    return -torch.diag(F.log_softmax((v1 @ v2.T) / t, dim=1)).mean()
pick = torch.randperm(m)[:1024]; bu, bi = users[pick], items[pick]
def simgcl_step():
    neg = torch.randint(0, num_items, (len(bu),))
    ue, ie = propagate(False); u, p, q = ue[bu], ie[bi], ie[neg]
    rec = torch.mean(-torch.log(10e-6 + torch.sigmoid((u * p).sum(1) - (u * q).sum(1))))
    (u1, i1), (u2, i2) = propagate(True), propagate(True)
    uu, ii = torch.unique(bu), torch.unique(bi)
    cl = 0.01 * (info_nce(u1[uu], u2[uu], 0.2) + info_nce(i1[ii], i2[ii], 0.2))
    reg = sum(torch.norm(e, p=2) / e.shape[0] for e in (u, p)) * 1e-6
    loss = rec + reg + cl
    sopt.zero_grad(); loss.backward(); sopt.step()
simgcl_step()
t0 = time.perf_counter()
for _ in range(batches): simgcl_step()
per_batch = (time.perf_counter() - t0) / batches
epoch_batches = (m + 1023) // 1024
print(json.dumps({"pairs": m, "nonzeros": int(adj._nnz()), "graph_s": graph_s, "lightgcn_epoch_s": lightgcn_s,
                  "simgcl_batch_s": per_batch, "simgcl_epoch_s": per_batch * epoch_batches,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
