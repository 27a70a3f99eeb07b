"""Writes the PyTorch reference numbers the Engine tests compare against.

Run from this folder with a Python that has torch and numpy:
    python make_fixtures.py
Every input is fixed here (drawn once from numpy's seeded generator and stored in the JSON next
to the expected outputs), so the tests never need PyTorch. Non-finite numbers are written as the
strings "inf", "-inf", "nan".
"""
import json
import math

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F

torch.set_default_dtype(torch.float32)
rng = np.random.default_rng(20240601)


def enc(x):
    x = float(x)
    if math.isnan(x):
        return "nan"
    if math.isinf(x):
        return "inf" if x > 0 else "-inf"
    return x


def tensor(t):
    a = t.detach().cpu().numpy().astype(np.float32) if isinstance(t, torch.Tensor) else np.asarray(t, dtype=np.float32)
    return {"shape": list(a.shape), "data": [enc(v) for v in a.reshape(-1)]}


def rand(*shape, scale=1.0):
    return torch.tensor(rng.standard_normal(shape).astype(np.float32) * scale)


def save(name, tensors, indices=None, scalars=None):
    with open(f"{name}.json", "w") as f:
        json.dump({"tensors": {k: tensor(v) for k, v in tensors.items()},
                   "indices": indices or {}, "scalars": scalars or {}}, f, indent=1)


# 1. LightGCN-style: 2-layer propagation, BPR (log of sigmoid) + λ(‖E_u‖² + ‖E_i‖²).
nu, ni, layers, lam = 3, 4, 2, 1e-2
inter = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 3), (2, 0), (1, 3)]
users = [u for u, _ in inter]; pos = [i for _, i in inter]; neg = [2, 3, 0, 0, 1, 2, 1]
tr = torch.tensor(inter)
rows = torch.cat([tr[:, 0], tr[:, 1] + nu]); cols = torch.cat([tr[:, 1] + nu, tr[:, 0]])
idx = torch.stack([rows, cols]); n = nu + ni
adj = torch.sparse_coo_tensor(idx, torch.ones(idx.shape[1]), size=(n, n))
deg = torch.sparse.sum(adj, dim=1).to_dense()
norm_adj = torch.sparse_coo_tensor(idx, 1.0 / (torch.sqrt(deg[rows]) * torch.sqrt(deg[cols])), size=(n, n))
eu = rand(nu, 4, scale=0.5).requires_grad_(); ei = rand(ni, 4, scale=0.5).requires_grad_()
a = torch.cat([eu, ei]); e = a
for _ in range(layers):
    a = torch.spmm(norm_adj, a); e = e + a
f = e / (layers + 1); ue, ie = f[:nu], f[nu:]
u_ = ue[users]; ps = (u_ * ie[pos]).sum(-1); ns = (u_ * ie[neg]).sum(-1)
loss = -torch.log(torch.sigmoid(ps - ns)).mean() + lam * ((eu ** 2).sum() + (ei ** 2).sum())
loss.backward()
save("lightgcn", {"user_table": eu, "item_table": ei, "adjacency": norm_adj.to_dense(), "embeddings": f,
                  "positive_scores": ps, "negative_scores": ns, "loss": loss,
                  "user_grad": eu.grad, "item_grad": ei.grad},
     indices={"users": users, "positives": pos, "negatives": neg},
     scalars={"layers": layers, "weight": lam})

# 2. SimGCL's losses on fixed vectors: InfoNCE (t = 0.2), BPR with 1e-5, row-scaled norms.
v1 = rand(5, 4).requires_grad_(); v2 = rand(5, 4).requires_grad_()
a, b = F.normalize(v1, dim=1), F.normalize(v2, dim=1)
nce = -torch.diag(F.log_softmax((a @ b.T) / 0.2, dim=1)).mean()
nce.backward()
u = rand(4, 3).requires_grad_(); p = rand(4, 3).requires_grad_(); q = rand(4, 3).requires_grad_()
rec = torch.mean(-torch.log(10e-6 + torch.sigmoid((u * p).sum(1) - (u * q).sum(1))))
reg = sum(torch.norm(x, p=2) / x.shape[0] for x in (u, p)) * 1e-2
(rec + reg).backward()
save("simgcl", {"v1": v1, "v2": v2, "infonce": nce, "v1_grad": v1.grad, "v2_grad": v2.grad,
                "u": u, "p": p, "q": q, "rec": rec, "reg": reg,
                "u_grad": u.grad, "p_grad": p.grad, "q_grad": q.grad},
     scalars={"temperature": 0.2, "stabilizer": 1e-5, "reg_weight": 1e-2})

# 3. NeuMF-style: factor 2, 2 MLP layers (embeddings 4, tower 8→4→2), predictor on [GMF 2 ‖ MLP 2].
fn, nl = 2, 2
eug, eig = rand(3, fn, scale=0.3), rand(4, fn, scale=0.3)
eum, eim = rand(3, fn * 2, scale=0.3), rand(4, fn * 2, scale=0.3)
W1, b1 = rand(4, 8, scale=0.4), rand(4, scale=0.1)
W2, b2 = rand(2, 4, scale=0.4), rand(2, scale=0.1)
Wp, bp = rand(1, 4, scale=0.4), rand(1, scale=0.1)
params = [eug, eig, eum, eim, W1, b1, W2, b2, Wp, bp]
for t in params: t.requires_grad_()
bu, bi, lab = [0, 1, 2, 0, 1], [0, 1, 2, 3, 3], [1.0, 0.0, 1.0, 0.0, 1.0]
g = eug[bu] * eig[bi]
h = torch.cat([eum[bu], eim[bi]], -1)
h = torch.relu(F.linear(h, W1, b1)); h = torch.relu(F.linear(h, W2, b2))
logits = F.linear(torch.cat([g, h], -1), Wp, bp).view(-1)
bce = nn.BCEWithLogitsLoss()(logits, torch.tensor(lab))
bce.backward()
names = ["gmf_users", "gmf_items", "mlp_users", "mlp_items", "w1", "b1", "w2", "b2", "wp", "bp"]
out = {nm: t for nm, t in zip(names, params)}
out.update({nm + "_grad": t.grad for nm, t in zip(names, params)})
out.update({"logits": logits, "loss": bce, "labels": torch.tensor(lab)})
save("ncf", out, indices={"users": bu, "items": bi})

# 4. Adam, lr 0.01, three steps from fixed gradients; the second parameter has no gradient at step 2.
p1 = nn.Parameter(rand(6)); p2 = nn.Parameter(rand(2, 3))
start1, start2 = p1.detach().clone(), p2.detach().clone()
opt = torch.optim.Adam([p1, p2], lr=0.01)
grads1 = [rand(6, scale=0.1) for _ in range(3)]; grads2 = [rand(2, 3, scale=0.1) for _ in range(3)]
after1, after2 = [], []
for step in range(3):
    opt.zero_grad()
    p1.grad = grads1[step].clone()
    if step != 1:
        p2.grad = grads2[step].clone()
    opt.step()
    after1.append(p1.detach().clone()); after2.append(p2.detach().clone())
t = {"p1": start1, "p2": start2}
for s in range(3):
    t[f"g1_{s}"] = grads1[s]; t[f"g2_{s}"] = grads2[s]
    t[f"p1_after_{s}"] = after1[s]; t[f"p2_after_{s}"] = after2[s]
save("adam", t, scalars={"lr": 0.01})

# 5. Edge cases: log-softmax with huge and infinite logits, normalize of zero/tiny rows,
#    the seeds' BPR forms at saturating margins, BCE with extreme logits.
x = torch.tensor([[1000.0, 0.0, -1000.0], [float("-inf"), 0.0, 1.0], [1.0, 2.0, 3.0], [-5.0, -5.0, -5.0]], requires_grad=True)
up = torch.tensor([[0.5, -1.0, 2.0], [0.0, 1.0, -1.0], [1.0, 1.0, 1.0], [0.3, 0.2, -0.7]])
ls = F.log_softmax(x, dim=1); (ls.masked_fill(torch.isinf(ls), 0) * up).sum().backward()
nx = torch.tensor([[0.0, 0.0, 0.0], [1e-13, 0.0, 0.0], [3.0, 4.0, 0.0], [1e-6, -2e-6, 0.0]], requires_grad=True)
nu_ = torch.tensor([[1.0, 2.0, 3.0], [1.0, -1.0, 0.5], [0.5, -0.25, 1.0], [1.0, 1.0, 1.0]])
nn_ = F.normalize(nx, dim=-1); (nn_ * nu_).sum().backward()
d = torch.tensor([30.0, -20.0, 0.5, -90.0])
plain = -torch.log(torch.sigmoid(d))
dg = torch.tensor([30.0, -20.0, 0.5, 16.0], requires_grad=True)
plain_mean = -torch.log(torch.sigmoid(dg)).mean(); plain_mean.backward()
ds = torch.tensor([30.0, -20.0, 0.5, -90.0], requires_grad=True)
stab = torch.mean(-torch.log(10e-6 + torch.sigmoid(ds))); stab.backward()
bl = torch.tensor([-100.0, 0.0, 100.0, 3.0], requires_grad=True); bt = torch.tensor([1.0, 0.0, 0.0, 1.0])
bce_edge = nn.BCEWithLogitsLoss()(bl, bt); bce_edge.backward()
save("edge_cases", {"logits": x, "log_softmax": ls, "log_softmax_upstream": up, "log_softmax_grad": x.grad,
                    "normalize_input": nx, "normalized": nn_, "normalize_upstream": nu_, "normalize_grad": nx.grad,
                    "bpr_margins": d, "bpr_plain_terms": plain,
                    "bpr_grad_margins": dg, "bpr_plain_mean": plain_mean, "bpr_plain_grad": dg.grad,
                    "bpr_stabilized_margins": ds, "bpr_stabilized": stab, "bpr_stabilized_grad": ds.grad,
                    "bce_logits": bl, "bce_targets": bt, "bce": bce_edge, "bce_grad": bl.grad})
# 6. The message-passing walkthrough: LightGCNConv as PyG computes it (messages norm·x_j along
#    edge_index[0] → edge_index[1], summed at the target, norm from degree(edge_index[1])), one
#    table for users and movies, 3 layers averaged, then two mini-batch steps of
#    -logsigmoid BPR + λ‖E‖²/|B| over the whole table with Adam (lr 0.01).
nu, nm, dim, lam = 3, 4, 4, 0.05
liked = [(0, 0), (0, 1), (1, 1), (1, 2), (2, 2), (2, 3), (1, 3)]
src = torch.tensor([u for u, m in liked] + [m + nu for u, m in liked])
dst = torch.tensor([m + nu for u, m in liked] + [u for u, m in liked])
deg = torch.zeros(nu + nm).index_add_(0, dst, torch.ones(len(dst)))
dis = deg.pow(-0.5); dis[dis == float("inf")] = 0
norm = dis[src] * dis[dst]
table = nn.Parameter(rand(nu + nm, dim, scale=0.5))
start = table.detach().clone()
opt = torch.optim.Adam([table], lr=0.01)
batches = [([0, 1, 2, 1], [1, 2, 3, 3], [2, 0, 0, 1]), ([2, 0, 1], [2, 0, 1], [1, 3, 0])]
def propagate(x):
    out = [x]
    for _ in range(3):
        x = torch.zeros_like(x).index_add_(0, dst, norm.view(-1, 1) * x[src]); out.append(x)
    return torch.stack(out, dim=1).mean(dim=1)
t = {"table": start, "norm": norm, "embeddings": propagate(start)}
for step, (bu, bp, bn) in enumerate(batches):
    f = propagate(table); ue, me = f[:nu], f[nu:]
    bpr = -torch.mean(F.logsigmoid((ue[bu] * me[bp]).sum(1) - (ue[bu] * me[bn]).sum(1)))
    reg = lam * (table.norm(2) ** 2) / len(bu)
    opt.zero_grad(); (bpr + reg).backward(); opt.step()
    t[f"bpr_{step}"] = bpr; t[f"reg_{step}"] = reg; t[f"table_after_{step}"] = table.detach().clone()
save("message_passing", t,
     indices={"sources": src.tolist(), "targets": dst.tolist(),
              **{f"{k}_{s}": v for s, b in enumerate(batches) for k, v in zip(("users", "positives", "negatives"), b)}},
     scalars={"users": nu, "movies": nm, "weight": lam, "lr": 0.01})

print("wrote lightgcn.json simgcl.json ncf.json adam.json edge_cases.json message_passing.json with torch", torch.__version__)
