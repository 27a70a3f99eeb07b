"""Times, in PyTorch, the same steps the Swift `Benchmarks` executable times on the Engine.

Usage: python torch_steps.py GRAPH_FILE [--reps N]

GRAPH_FILE is written by `Benchmarks`: "users items" on the first line, then "user item" pairs.
The models are written the way the seeds' reference scripts write them (LightGCN seed 001,
SimGCL seed 000, NCF seed 003 NeuMF-end), on 2 threads. Prints one JSON line of median
milliseconds keyed like the Swift table.
"""
import json, statistics, sys, time

import torch
import torch.nn as nn
import torch.nn.functional as F
import torch.optim as optim
from torch.utils.data import DataLoader, TensorDataset

torch.set_num_threads(2)
torch.manual_seed(0)

path = sys.argv[1]
reps = int(sys.argv[sys.argv.index("--reps") + 1]) if "--reps" in sys.argv else 7

with open(path) as f:
    num_users, num_items = map(int, f.readline().split())
    pairs = [tuple(map(int, line.split())) for line in f if line.strip()]
tr = torch.tensor(pairs, dtype=torch.long)
n = num_users + num_items
rows = torch.cat([tr[:, 0], tr[:, 1] + num_users])
cols = torch.cat([tr[:, 1] + num_users, tr[:, 0]])
idx = torch.stack([rows, cols])
adj = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), size=(n, n))
deg = torch.sparse.sum(adj, dim=1).to_dense()
norm_adj = torch.sparse_coo_tensor(idx, 1.0 / (torch.sqrt(deg[rows]) * torch.sqrt(deg[cols])), size=(n, n))


def median_ms(fn, warmup, repetitions):
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repetitions):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


results = {}

# LightGCN (seed 001): full batch.
class LightGCN(nn.Module):
    def __init__(s, nu, ni, d, L, A):
        super().__init__(); s.nu, s.L = nu, L; s.register_buffer('norm_adj', A)
        s.user_embeddings = nn.Embedding(nu, d); s.item_embeddings = nn.Embedding(ni, d)
        nn.init.normal_(s.user_embeddings.weight, std=0.01); nn.init.normal_(s.item_embeddings.weight, std=0.01)
    def get_embeddings(s):
        a = torch.cat([s.user_embeddings.weight, s.item_embeddings.weight]); e = a
        for _ in range(s.L):
            a = torch.spmm(s.norm_adj, a); e = e + a
        f = e / (s.L + 1); return f[:s.nu], f[s.nu:]
    def forward(s, u, p, q):
        ue, ie = s.get_embeddings(); u_ = ue[u]
        return (u_ * ie[p]).sum(-1), (u_ * ie[q]).sum(-1)

lgcn = LightGCN(num_users, num_items, 64, 3, norm_adj)
lgcn_opt = optim.Adam(lgcn.parameters(), lr=1e-3)
users, pos = tr[:, 0], tr[:, 1]

def lightgcn_step():
    neg = torch.randint(0, num_items, (len(tr),))
    ps, ns = lgcn(users, pos, neg)
    loss = -torch.log(torch.sigmoid(ps - ns)).mean() + 1e-6 * ((lgcn.user_embeddings.weight**2).sum() + (lgcn.item_embeddings.weight**2).sum())
    lgcn_opt.zero_grad(); loss.backward(); lgcn_opt.step()

results["lightgcn_step"] = median_ms(lightgcn_step, 3, reps)

# SimGCL (seed 000): mini-batches of 1024.
class SimGCL(nn.Module):
    def __init__(s, nu, ni, d, L, A):
        super().__init__(); s.nu, s.ni, s.L = nu, ni, L; s.register_buffer('norm_adj', A)
        s.user_embeddings = nn.Embedding(nu, d); s.item_embeddings = nn.Embedding(ni, d)
        nn.init.normal_(s.user_embeddings.weight, std=0.01); nn.init.normal_(s.item_embeddings.weight, std=0.01); s.eps = 0.1
    def forward(s, perturbed=False):
        e = torch.cat([s.user_embeddings.weight, s.item_embeddings.weight]); alls = []
        for k in range(s.L):
            e = torch.spmm(s.norm_adj, e)
            if perturbed:
                e = e + torch.sign(e) * F.normalize(torch.rand_like(e), dim=-1) * s.eps
            alls.append(e)
        m = torch.stack(alls, dim=1).mean(dim=1); return torch.split(m, [s.nu, s.ni])

def bpr_loss(u, p, q):
    return torch.mean(-torch.log(10e-6 + torch.sigmoid((u * p).sum(1) - (u * q).sum(1))))
def l2_reg_loss(reg, *args):
    return sum(torch.norm(e, p=2) / e.shape[0] for e in args) * reg
def InfoNCE(v1, v2, t):
    v1, v2 = F.normalize(v1, dim=1), F.normalize(v2, dim=1)
    return -torch.diag(F.log_softmax((v1 @ v2.T) / t, dim=1)).mean()
def cal_cl_loss(idx, model):
    u = torch.unique(idx[0]); i = torch.unique(idx[1])
    u1, i1 = model(perturbed=True); u2, i2 = model(perturbed=True)
    return InfoNCE(u1[u], u2[u], 0.2) + InfoNCE(i1[i], i2[i], 0.2)

sgcl = SimGCL(num_users, num_items, 64, 3, norm_adj)
sgcl_opt = optim.Adam(sgcl.parameters(), lr=1e-3)

def simgcl_step(b):
    users, pos = b[:, 0], b[:, 1]; neg = torch.randint(0, num_items, (len(users),))
    ue, ie = sgcl(); u, p, q = ue[users], ie[pos], ie[neg]
    rec = bpr_loss(u, p, q); cl = 0.01 * cal_cl_loss([users, pos], sgcl); reg = l2_reg_loss(1e-6, u, p)
    loss = rec + reg + cl
    sgcl_opt.zero_grad(); loss.backward(); sgcl_opt.step()
    return rec.item(), cl.item(), loss.item()

batch = tr[torch.randperm(len(tr))[:1024]]
results["simgcl_step"] = median_ms(lambda: simgcl_step(batch), 3, reps)
loader = DataLoader(TensorDataset(tr), batch_size=1024, shuffle=True)
def simgcl_epoch():
    for (b,) in loader:
        simgcl_step(b)
results["simgcl_epoch"] = median_ms(simgcl_epoch, 1, max(3, reps // 2))

# NeuMF-end (seed 003): factor 32, 3 MLP layers, batch 256.
class NCF(nn.Module):
    def __init__(s, nu, ni, fn, nl):
        super().__init__()
        s.eug, s.eig = nn.Embedding(nu, fn), nn.Embedding(ni, fn)
        d = fn * 2 ** (nl - 1); s.eum, s.eim = nn.Embedding(nu, d), nn.Embedding(ni, d)
        mods = []
        for k in range(nl):
            ins = fn * 2 ** (nl - k); mods += [nn.Dropout(0.0), nn.Linear(ins, ins // 2), nn.ReLU()]
        s.mlp = nn.Sequential(*mods)
        s.pred = nn.Linear(2 * fn, 1)
        for e in (s.eug, s.eig, s.eum, s.eim): nn.init.normal_(e.weight, std=0.01)
        for m in s.mlp:
            if isinstance(m, nn.Linear): nn.init.xavier_uniform_(m.weight)
        nn.init.kaiming_uniform_(s.pred.weight, a=1, nonlinearity='sigmoid')
        for m in s.modules():
            if isinstance(m, nn.Linear) and m.bias is not None: m.bias.data.zero_()
    def forward(s, u, i):
        g = s.eug(u) * s.eig(i)
        m = s.mlp(torch.cat((s.eum(u), s.eim(i)), -1))
        return s.pred(torch.cat((g, m), -1)).view(-1)

ncf = NCF(num_users, num_items, 32, 3)
ncf_opt, lossf = optim.Adam(ncf.parameters(), lr=1e-3), nn.BCEWithLogitsLoss()
labels = torch.tensor([1.0 if k % 5 == 0 else 0.0 for k in range(256)])
def neumf_step():
    u = torch.randint(0, num_users, (256,)); i = torch.randint(0, num_items, (256,))
    ncf_opt.zero_grad(); loss = lossf(ncf(u, i), labels); loss.backward(); ncf_opt.step()
results["neumf_step"] = median_ms(neumf_step, 10, reps * 10)

# Kernels.
x = torch.randn(n, 64)
results["spmm"] = median_ms(lambda: torch.spmm(norm_adj, x), 5, reps * 10)
a, b = torch.randn(1024, 64), torch.randn(1024, 64)
results["sgemm_infonce"] = median_ms(lambda: a @ b.T, 5, reps * 10)
sq = torch.randn(1024, 1024)
results["sgemm_square"] = median_ms(lambda: sq @ sq, 2, reps)

print(json.dumps(results))
